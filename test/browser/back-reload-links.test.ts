// #11 item 6: Back, reload and links. Opening a patient, the rounding sheet or another list is a history entry
// (the browser's Back and Teams' back button close it, not the app); the URL names the list and the open patient
// (ids only), so a reload comes back there; "Copy link to this patient" gives a Teams deep link that opens the
// same list and patient for a teammate, and only for one who may see the list.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import type { Entry } from '../../server/wire/contract.js';
import { DEMO_PRIVATE_CHANNEL_ID, DEMO_PRIVATE_LIST_IDS } from '../../server/demo/demo-rosters.js';
import { DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';
import { hostCalls, launchChromium, openInHost, seriousViolations } from './support/browser.js';
import { createDemoList, type DemoList } from './support/demo-list.js';
import { demoUsers, somePatient, startTestRounds, tokenFor, type DemoUserInfo, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:back-and-links@thread.tacv2';
const APP_ID = '3c9f1e2d-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

let rounds: TestRounds;
let browser: Browser;
let member: DemoUserInfo;
let teammate: DemoUserInfo;
let ward: DemoList;
let patients: { id: string; name: string; family: string }[];

beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  // The R4 hospital's first clinician is the only member of its private channel; the second is not.
  [member, teammate] = (await demoUsers(rounds.url)).filter((u) => u.tenantId === DEMO_TENANT_R4_ID) as [DemoUserInfo, DemoUserInfo];
  patients = [await somePatient(rounds.url, member.userId, 0), await somePatient(rounds.url, member.userId, 1)];
  ward = await createDemoList(rounds.url, member.userId, {
    name: 'Ward 7',
    contextId: CONTEXT_ID,
    columns: ['name', 'mrn', 'location'],
    patientIds: patients.map((p) => p.id),
  });
  await createDemoList(rounds.url, member.userId, { name: 'Ward 8', contextId: CONTEXT_ID, columns: ['name'], patientIds: [] });
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

const entryOf = (name: string): Entry => ward.entries[patients.findIndex((p) => p.name === name)]!;
const placeOf = async (tab: Frame): Promise<URLSearchParams> => new URLSearchParams(await tab.evaluate(() => location.search));
const activeLabel = (tab: Frame): Promise<string> =>
  tab.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
/** The browser's Back button: the top page's history, which holds the tab frame's entries too. */
const browserBack = (page: Page): Promise<void> => page.evaluate(() => history.back());
const pressTeamsBack = (page: Page): Promise<void> =>
  page.evaluate(() => (window as unknown as { hostApi: { pressBack(): void } }).hostApi.pressBack());

describe('back, reload and links', { timeout: 120_000 }, () => {
  test('Back closes the patient, the rounding sheet and another list in turn; a reload reopens the patient', async () => {
    const [first] = patients as [(typeof patients)[0]];
    const { page, tab, context, errors } = await openInHost(browser, rounds.url, {
      user: member.userId,
      contextId: CONTEXT_ID,
      entityId: ward.list.id,
      appId: APP_ID,
    });
    await tab.getByRole('heading', { level: 1, name: 'Ward 7' }).waitFor();
    const hostUrl = page.url();
    const nameButton = tab.getByRole('button', { name: `Open the details of ${first.name}` });
    const drawer = tab.getByRole('dialog', { name: 'Patient details' });

    // A patient: one more history entry, named in the URL by the list entry's id only.
    await nameButton.click();
    await drawer.getByRole('heading', { level: 2, name: new RegExp(first.name) }).waitFor();
    const opened = await placeOf(tab);
    expect(opened.get('listId')).toBe(ward.list.id);
    expect(opened.get('patient')).toBe(entryOf(first.name).id);
    expect(await tab.evaluate(() => location.href)).not.toContain(first.family);

    // The browser's Back closes the drawer, stays in the app and puts the focus back on the row's name.
    await browserBack(page);
    await drawer.waitFor({ state: 'detached' });
    expect(page.url()).toBe(hostUrl);
    expect((await placeOf(tab)).get('patient')).toBeNull();
    await expect.poll(() => activeLabel(tab)).toBe(`Open the details of ${first.name}`);

    // Forward reopens it; a reload of the tab comes back to the same list and patient.
    await page.evaluate(() => history.forward());
    await drawer.getByRole('heading', { level: 2, name: new RegExp(first.name) }).waitFor();
    await tab.evaluate(() => location.reload());
    await tab.getByRole('heading', { level: 1, name: 'Ward 7' }).waitFor();
    await drawer.getByRole('heading', { level: 2, name: new RegExp(first.name) }).waitFor();
    expect(await seriousViolations(tab)).toEqual([]);

    // Teams' back button (teams-js registerBackButtonHandler) closes it too; with nothing open, Teams goes back.
    await expect.poll(async () => (await hostCalls(page, 'registerHandler')).some((args) => args[0] === 'backButton')).toBe(true);
    await pressTeamsBack(page);
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => activeLabel(tab)).toBe(`Open the details of ${first.name}`);
    expect(await hostCalls(page, 'navigateBack')).toEqual([]);
    await pressTeamsBack(page);
    await expect.poll(async () => (await hostCalls(page, 'navigateBack')).length).toBe(1);

    // The rounding sheet: its own entry; Back returns to the list, the focus to the sheet's button.
    await tab.getByRole('button', { name: 'Rounding sheet' }).click();
    await tab.getByRole('button', { name: 'Back to the list' }).waitFor();
    expect((await placeOf(tab)).get('view')).toBe('sheet');
    await browserBack(page);
    await tab.getByRole('button', { name: 'Rounding sheet' }).waitFor();
    await expect.poll(() => activeLabel(tab)).toBe('Rounding sheet');

    // Another list: its own entry too; Back returns to the first.
    await tab.getByRole('combobox', { name: 'Patient list' }).click();
    await tab.getByRole('option', { name: 'Ward 8' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Ward 8' }).waitFor();
    expect((await placeOf(tab)).get('listId')).not.toBe(ward.list.id);
    await browserBack(page);
    await tab.getByRole('heading', { level: 1, name: 'Ward 7' }).waitFor();
    expect((await placeOf(tab)).get('listId')).toBe(ward.list.id);
    expect(page.url()).toBe(hostUrl);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('"Copy link to this patient" gives a Teams deep link that opens the same list and patient for a teammate', async () => {
    const second = patients[1]!;
    const { tab, context } = await openInHost(browser, rounds.url, {
      user: member.userId,
      contextId: CONTEXT_ID,
      entityId: ward.list.id,
      appId: APP_ID,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rounds.url });
    await tab.getByRole('button', { name: `Open the details of ${second.name}` }).click();
    const drawer = tab.getByRole('dialog', { name: 'Patient details' });
    await drawer.getByRole('button', { name: 'Copy link to this patient' }).click();
    await tab.locator('.fui-Toaster').getByText('Link copied').waitFor();
    const link = await tab.evaluate(() => navigator.clipboard.readText());
    // Hovered, the toast waits (Fluent pauses its timer): axe judges it whole, not fading out mid-check.
    await tab.locator('.fui-Toast').first().hover();
    expect(await seriousViolations(tab)).toEqual([]);
    await context.close();

    // Teams' documented shape for a deep link to a tab; the place by ids only, never the patient's name.
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/${ward.list.id}`);
    const linkContext = JSON.parse(url.searchParams.get('context')!) as { subEntityId: string; channelId: string };
    expect(linkContext.channelId).toBe(CONTEXT_ID);
    expect(Object.fromEntries(new URLSearchParams(linkContext.subEntityId))).toEqual({
      listId: ward.list.id,
      patient: entryOf(second.name).id,
    });
    expect(link).not.toContain(second.family);

    // The teammate opens it in Teams: the tab reads the subPageId and opens that list and that patient.
    const opened = await openInHost(browser, rounds.url, { user: teammate.userId, deepLink: link });
    await opened.tab.getByRole('heading', { level: 1, name: 'Ward 7' }).waitFor();
    await opened.tab
      .getByRole('dialog', { name: 'Patient details' })
      .getByRole('heading', { level: 2, name: new RegExp(second.name) })
      .waitFor();
    expect(opened.errors).toEqual([]);
    await opened.context.close();
  });

  test('without a clipboard the link shows in a field, selected for copying', async () => {
    const first = patients[0]!;
    const { tab, context } = await openInHost(browser, rounds.url, {
      user: member.userId,
      contextId: CONTEXT_ID,
      entityId: ward.list.id,
      appId: APP_ID,
    });
    await tab.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await tab.getByRole('button', { name: `Open the details of ${first.name}` }).click();
    const drawer = tab.getByRole('dialog', { name: 'Patient details' });
    await drawer.getByRole('button', { name: 'Copy link to this patient' }).click();
    const field = drawer.getByRole('textbox', { name: 'Link to this patient' });
    await field.waitFor();
    expect(await field.inputValue()).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\//);
    await expect
      .poll(() => tab.evaluate(() => (document.activeElement as HTMLInputElement | null)?.selectionEnd ?? 0))
      .toBeGreaterThan(0);
    expect(await seriousViolations(tab)).toEqual([]);
    await context.close();
  });

  test("a link to a private channel's list opens it for its member only; others are told they can't open it", async () => {
    const privateListId = DEMO_PRIVATE_LIST_IDS[DEMO_TENANT_R4_ID]!;
    const patient = patients[0]!;
    const res = await fetch(`${rounds.url}/api/lists/${privateListId}/entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(rounds.url, member.userId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ patientId: patient.id }),
    });
    expect(res.status).toBe(201);
    const entry = (await res.json()) as Entry;
    const link = `${rounds.url}/tab?listId=${privateListId}&patient=${entry.id}`;

    // Outside Teams the link is the tab's own URL: the member gets the list and the patient.
    const signInAt = async (user: DemoUserInfo): Promise<{ page: Page; close: () => Promise<void> }> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      await context.route('https://res.cdn.office.net/**', (route) => route.abort());
      const page = await context.newPage();
      await page.goto(link);
      await page.getByRole('button', { name: `Sign in as ${user.name}` }).click();
      return { page, close: () => context.close() };
    };
    const own = await signInAt(member);
    await own.page.getByRole('heading', { level: 1, name: 'ICU huddle (private channel)' }).waitFor();
    await own.page
      .getByRole('dialog', { name: 'Patient details' })
      .getByRole('heading', { level: 2, name: new RegExp(patient.name) })
      .waitFor();
    await own.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rounds.url });
    await own.page.getByRole('button', { name: 'Copy link to this patient' }).click();
    await own.page.locator('.fui-Toaster').getByText('Link copied').waitFor();
    expect(await own.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await own.close();

    // The teammate outside the channel: a clear refusal, no other list in its stead, no patient.
    const other = await signInAt(teammate);
    await other.page.getByText('You can’t open this list').waitFor();
    expect(await other.page.getByRole('heading', { level: 1 }).textContent()).toBe('Rounds');
    expect(await other.page.getByRole('dialog').count()).toBe(0);
    expect(await other.page.getByRole('grid').count()).toBe(0);
    expect(await seriousViolations(other.page.mainFrame())).toEqual([]);
    await other.close();

    // In Teams, a deep link through the personal tab: the same refusal. Through the private channel itself:
    // the channel's own refusal (Teams would not even show it to a non-member).
    const subEntityId = new URLSearchParams({ listId: privateListId, patient: entry.id }).toString();
    const personal = `https://teams.microsoft.com/l/entity/${APP_ID}/rounds-personal?context=${encodeURIComponent(JSON.stringify({ subEntityId }))}`;
    const viaPersonal = await openInHost(browser, rounds.url, { user: teammate.userId, deepLink: personal });
    await viaPersonal.tab.getByText('You can’t open this list').waitFor();
    expect(await viaPersonal.tab.getByRole('dialog').count()).toBe(0);
    expect(viaPersonal.errors).toEqual([]);
    await viaPersonal.context.close();

    const channel = `https://teams.microsoft.com/l/entity/${APP_ID}/${privateListId}?context=${encodeURIComponent(
      JSON.stringify({ subEntityId, channelId: DEMO_PRIVATE_CHANNEL_ID }),
    )}`;
    const viaChannel = await openInHost(browser, rounds.url, { user: teammate.userId, deepLink: channel });
    await viaChannel.tab.getByText(/Only the members of this channel/).waitFor();
    expect(await viaChannel.tab.getByRole('dialog').count()).toBe(0);
    await viaChannel.context.close();
  });
});
