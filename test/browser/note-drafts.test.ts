// An unsaved team note survives a reload, in real Chromium (#11 item 7): while the editor holds
// unsaved text the browser asks before leaving; after the reload the editor brings the draft back
// from sessionStorage and says so, and nothing is written to localStorage.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Dialog } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { createDemoList, type DemoList } from './support/demo-list.js';
import { demoUsers, somePatient, startTestRounds, type DemoUserInfo, type TestRounds } from './support/rounds-server.js';

let rounds: TestRounds;
let browser: Browser;
let user: DemoUserInfo;
let made: DemoList;
beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  user = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!;
  const patient = await somePatient(rounds.url, user.userId);
  made = await createDemoList(rounds.url, user.userId, {
    name: 'Ward 6 drafts',
    contextId: '19:note-drafts@thread.tacv2',
    columns: ['name', 'note'],
    patientIds: [patient.id],
  });
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

describe('an unsaved note draft, in Chromium', { timeout: 90_000 }, () => {
  test('warns before a reload, then restores the draft when the note is opened again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.route('https://res.cdn.office.net/**', (route) => route.abort());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const dialogs: string[] = [];
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    const entry = made.entries[0]!;
    const editButton = page.getByRole('button', { name: `Edit team note for ${entry.display}` });
    const noteBox = page.getByRole('dialog').getByRole('textbox', { name: 'Note' });

    await page.goto(`${rounds.url}/tab?listId=${made.list.id}`);
    await page.getByRole('button', { name: `Sign in as ${user.name}` }).click();
    await editButton.click();
    await noteBox.click();
    await page.keyboard.type('Chest X-ray at 10:00; keep NPO');

    // The reload goes on once the "leave site?" prompt is accepted; the demo session survives it.
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await editButton.click();
    await page.getByText('Unsaved draft restored').waitFor();
    expect(await noteBox.inputValue()).toBe('Chest X-ray at 10:00; keep NPO');
    const stored = await page.evaluate(() => ({
      session: Object.keys(sessionStorage).filter((key) => key.startsWith('rounds.draft.')),
      local: localStorage.length,
    }));
    expect(stored).toEqual({ session: [`rounds.draft.${made.list.id}.${entry.id}`], local: 0 });

    // Discarding goes back to the saved (empty) note: nothing is left to warn about or restore.
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await expect.poll(() => noteBox.inputValue()).toBe('');
    await page.reload();
    await editButton.click();
    expect(await noteBox.inputValue()).toBe('');
    expect(await page.getByText('Unsaved draft restored').count()).toBe(0);
    expect(dialogs).toEqual(['beforeunload']);

    expect(errors).toEqual([]);
    await context.close();
  });
});
