// Messages that cover nothing and say what they mean, in real Chromium (#11 item 9): the toast after adding a
// patient stays clear of every row action, and the delete-list confirmation's button is a danger button.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { launchChromium, openInHost, seriousViolations } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, somePatient, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:messages@thread.tacv2';

let rounds: TestRounds;
let browser: Browser;
let userId: string;

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!.userId;
  const patientIds: string[] = [];
  for (let skip = 0; skip < 12; skip += 1) patientIds.push((await somePatient(rounds.url, userId, skip)).id);
  await createDemoList(rounds.url, userId, {
    name: 'Messages ward',
    contextId: CONTEXT_ID,
    columns: ['name', 'mrn', 'location'],
    patientIds,
  });
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersects = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxesOf(tab: Frame, selectorName: RegExp): Promise<Box[]> {
  const buttons = await tab.getByRole('button', { name: selectorName }).all();
  const boxes: Box[] = [];
  for (const button of buttons) {
    const box = await button.boundingBox();
    if (box) boxes.push(box);
  }
  return boxes;
}

/** sRGB relative luminance contrast (WCAG 2.1, 1.4.3). */
function contrast(a: number[], b: number[]): number {
  const lum = (rgb: number[]): number => {
    const [r, g, bl] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
const rgbOf = (css: string): number[] => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);

describe('messages, in Chromium', { timeout: 120_000 }, () => {
  test('the toast after adding a patient covers no row action', async () => {
    const { tab, context, errors } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID, height: 600 });
    await tab.getByRole('heading', { level: 1, name: 'Messages ward' }).waitFor();
    await tab.getByRole('button', { name: 'Add patients' }).first().click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByRole('tab', { name: 'Not in the EHR' }).click();
    await dialog.getByRole('textbox', { name: /Name/ }).fill('Transfer from St. Elsewhere');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await dialog.waitFor({ state: 'detached' });

    const toast = tab.locator('.fui-Toast').first();
    await toast.waitFor();
    // Let the toast's enter animation settle before measuring.
    await tab.waitForTimeout(600);
    const toastBox = (await toast.boundingBox())!;
    const actions = await boxesOf(tab, /^(Edit team note for|Remove .* from the list)/);
    expect(actions.length).toBeGreaterThanOrEqual(18);
    expect(actions.filter((box) => intersects(box, toastBox))).toEqual([]);

    // Hovered, the toast waits (Fluent pauses its timer): axe judges it whole, not fading out mid-check.
    await toast.hover();
    expect(await seriousViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the row icons show what they do on hover', async () => {
    const { tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    const edit = tab.getByRole('button', { name: /^Edit team note for / }).first();
    await edit.hover();
    expect(await tab.getByRole('tooltip').textContent()).toMatch(/^Edit team note for /);
    await context.close();
  });

  test('the delete-list confirmation says who loses the list and uses a readable danger button', async () => {
    const { tab, context } = await openInHost(browser, rounds.url, { user: userId, contextId: CONTEXT_ID });
    await tab.getByRole('heading', { level: 1, name: 'Messages ward' }).waitFor();
    await tab.getByRole('button', { name: 'More list actions' }).click();
    await tab.getByRole('menuitem', { name: 'Delete list' }).click();
    const dialog = tab.getByRole('alertdialog');
    await dialog.getByText(/^Everyone in this channel loses this list/).waitFor();

    const danger = dialog.getByRole('button', { name: 'Delete list', exact: true });
    const [background, color] = await danger.evaluate((el) => {
      const style = getComputedStyle(el);
      return [style.backgroundColor, style.color];
    });
    const [r, g, b] = rgbOf(background);
    expect(r).toBeGreaterThan(150);
    expect(r! - Math.max(g!, b!)).toBeGreaterThan(80);
    expect(contrast(rgbOf(background), rgbOf(color))).toBeGreaterThanOrEqual(4.5);

    expect(await seriousViolations(tab)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await context.close();
  });
});
