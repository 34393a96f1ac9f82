import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { HOST_TEAM_ID, launchChromium, openInHost, screenshot, seriousViolations } from './support/browser.js';
import { demoUsers, somePatient, startTestRounds, tokenFor, type DemoUserInfo, type TestRounds } from './support/rounds-server.js';

let rounds: TestRounds;
let browser: Browser;
let users: DemoUserInfo[];
beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  users = await demoUsers(rounds.url);
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

const userOf = (version: DemoUserInfo['fhirVersion']): DemoUserInfo => users.find((u) => u.fhirVersion === version)!;

async function createList(tab: Frame, name: string): Promise<void> {
  await tab.getByRole('region', { name: 'No patient lists here yet' }).getByRole('button', { name: 'New list' }).click();
  await tab.getByRole('textbox', { name: /List name/ }).fill(name);
  await tab.getByRole('button', { name: 'Create' }).click();
  await tab.getByRole('heading', { level: 1, name }).waitFor();
}

async function searchAndAdd(tab: Frame, family: string, names: string[]): Promise<void> {
  await tab.getByRole('button', { name: 'Add patients' }).first().click();
  const dialog = tab.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(family);
  await dialog.getByRole('button', { name: 'Search' }).click();
  for (const name of names) await dialog.getByRole('checkbox', { name: `Select ${name}` }).check();
  await dialog.getByRole('button', { name: names.length === 1 ? 'Add 1 patient' : `Add ${names.length} patients` }).click();
  await dialog.waitFor({ state: 'detached' });
}

const rowButton = (tab: Frame, name: string) => tab.getByRole('button', { name: `Open the details of ${name}` });

describe('the lists view in a Teams channel', { timeout: 120_000 }, () => {
  test('creates a list, adds patients, chooses columns, sorts, notes, details, and removes with undo (R4)', async () => {
    const user = userOf('R4');
    const first = await somePatient(rounds.url, user.userId, 0);
    const second = await somePatient(rounds.url, user.userId, 1);
    const { page, tab, context, errors } = await openInHost(browser, rounds.url, {
      user: user.userId,
      contextId: '19:content-r4@thread.tacv2',
    });
    await tab.getByText('No patient lists here yet').waitFor();
    await screenshot(page, 'lists-empty');
    await createList(tab, 'Ward 9 rounds');
    await tab.getByText('This list has no patients yet').waitFor();

    await tab.getByRole('button', { name: 'Add patients' }).first().click();
    const dialog = tab.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill(first.family);
    await dialog.getByRole('button', { name: 'Search' }).click();
    await dialog.getByRole('table', { name: 'Search results' }).waitFor();
    await screenshot(page, 'add-patients');
    expect(await seriousViolations(tab)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await searchAndAdd(tab, first.family, [first.name]);
    await searchAndAdd(tab, second.family, [second.name]);
    await rowButton(tab, first.name).waitFor();
    await rowButton(tab, second.name).waitFor();
    await tab.getByText('2 patients').waitFor();
    await expect.poll(() => tab.getByRole('grid').textContent()).toMatch(/\d+\/\d+\smm\[?Hg/);
    await screenshot(page, 'lists');
    expect(await seriousViolations(tab)).toEqual([]);

    // Columns: hide MRN, show allergies; the choice is saved in the list.
    await tab.getByRole('button', { name: 'Columns' }).click();
    const chooser = tab.getByRole('dialog', { name: 'Columns and order' });
    await chooser.getByRole('checkbox', { name: 'MRN' }).uncheck();
    await chooser.getByRole('checkbox', { name: 'Allergies' }).check();
    await chooser.getByRole('button', { name: 'Save' }).click();
    await chooser.waitFor({ state: 'detached' });
    const headers = await tab.getByRole('columnheader').allTextContents();
    expect(headers).toContain('Allergies');
    expect(headers).not.toContain('MRN');

    // Sort by patient name, descending on the second click; saved in the list.
    const patientHeader = tab.getByRole('columnheader', { name: 'Patient' });
    await patientHeader.click();
    await patientHeader.click();
    await expect.poll(() => patientHeader.getAttribute('aria-sort')).toBe('descending');
    const token = await tokenFor(rounds.url, user.userId);
    const listsAnswer = (await (
      await fetch(`${rounds.url}/api/lists?contextKind=channel&contextId=${encodeURIComponent('19:content-r4@thread.tacv2')}&teamId=${HOST_TEAM_ID}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { lists: { id: string; columns: string[]; sort?: object; context: object }[] };
    // The tab made the list with the channel's team (the host's group ID): the roster the server checks.
    expect(listsAnswer.lists[0]!.context).toEqual({ kind: 'channel', id: '19:content-r4@thread.tacv2', teamId: HOST_TEAM_ID });
    await expect
      .poll(async () => {
        const list = (await (
          await fetch(`${rounds.url}/api/lists/${listsAnswer.lists[0]!.id}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as { sort?: object; columns: string[] };
        return { sort: list.sort, hasAllergies: list.columns.includes('allergies') };
      })
      .toEqual({ sort: { column: 'name', direction: 'desc' }, hasAllergies: true });

    // A team note.
    await tab.getByRole('button', { name: `Edit team note for ${first.name}` }).click();
    const noteDialog = tab.getByRole('dialog', { name: `Team note for ${first.name}` });
    await noteDialog.getByRole('textbox', { name: 'Note' }).fill('Chest X-ray at 10:00; keep NPO');
    await noteDialog.getByRole('button', { name: 'Save note' }).click();
    await noteDialog.waitFor({ state: 'detached' });
    await tab.getByRole('grid').getByText('Chest X-ray at 10:00; keep NPO').waitFor();

    // Details in the drawer; Escape closes it and the focus returns to the row.
    await rowButton(tab, first.name).click();
    const drawer = tab.getByRole('dialog', { name: 'Patient details' });
    await drawer.getByRole('region', { name: 'Latest vitals' }).waitFor();
    expect(await drawer.getByRole('region', { name: 'Latest vitals' }).textContent()).toMatch(/BP\s\d+\/\d+/);
    expect(await drawer.getByRole('region', { name: 'Team note' }).textContent()).toContain('keep NPO');
    await screenshot(page, 'details');
    expect(await seriousViolations(tab)).toEqual([]);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => tab.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Open the details of ${first.name}`,
    );

    // Remove, then undo.
    await tab.getByRole('button', { name: `Remove ${second.name} from the list` }).click();
    await rowButton(tab, second.name).waitFor({ state: 'detached' });
    await tab.getByRole('button', { name: 'Undo' }).click();
    await rowButton(tab, second.name).waitFor();
    await tab.getByText('2 patients').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  for (const version of ['DSTU2', 'STU3'] as const) {
    test(`searches and adds a ${version} hospital's patient and shows their live record`, async () => {
      const user = userOf(version);
      const patient = await somePatient(rounds.url, user.userId, 0);
      const { page, tab, context, errors } = await openInHost(browser, rounds.url, {
        user: user.userId,
        contextId: `19:content-${version.toLowerCase()}@thread.tacv2`,
      });
      await createList(tab, `${version} round`);
      await searchAndAdd(tab, patient.family, [patient.name]);
      await rowButton(tab, patient.name).click();
      const drawer = tab.getByRole('dialog', { name: 'Patient details' });
      await drawer.getByRole('region', { name: 'Latest vitals' }).waitFor();
      expect(await drawer.getByRole('region', { name: 'Encounter and location' }).textContent()).toMatch(/Location/);
      expect(await drawer.getByRole('region', { name: 'Latest vitals' }).textContent()).toMatch(/BP\s\d+\/\d+/);
      await screenshot(page, `details-${version}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
