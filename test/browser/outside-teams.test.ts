import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { hostCalls, launchChromium, openInHost, screenshot, seriousViolations } from './support/browser.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';
import { DEMO_PRIVATE_LIST_IDS } from '../../server/demo/demo-rosters.js';
import { DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';

let rounds: TestRounds;
let browser: Browser;
beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

describe('outside Teams and the removal page', { timeout: 60_000 }, () => {
  test('offers the demo clinicians by hospital and FHIR version, then shows the personal lists', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.route('https://res.cdn.office.net/**', (route) => route.abort());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${rounds.url}/tab`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Rounds' }).waitFor();
    await page.getByText('Demo data', { exact: true }).waitFor();
    for (const heading of ['FHIR DSTU2', 'FHIR STU3', 'FHIR R4']) {
      // The clinicians arrive after the banner: wait for each hospital before counting it.
      const hospital = page.getByRole('heading', { level: 2, name: new RegExp(heading) });
      await hospital.first().waitFor();
      expect(await hospital.count()).toBe(1);
    }
    await screenshot(page, 'sign-in');
    expect(await seriousViolations(page.mainFrame())).toEqual([]);

    const user = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'DSTU2')!;
    await page.getByRole('button', { name: `Sign in as ${user.name}` }).click();
    await page.getByText('No patient lists here yet').waitFor();
    await page.getByText('Demo data', { exact: true }).waitFor();
    expect(await page.getByText(`Signed in as ${user.name}`).count()).toBe(1);

    // The demo token lives in sessionStorage: a reload keeps the session, signing out ends it.
    await page.reload();
    await page.getByText('No patient lists here yet').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Rounds' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test("opens a private channel's list for its member and tells another clinician they can't open it", async () => {
    const [member, other] = (await demoUsers(rounds.url)).filter((u) => u.tenantId === DEMO_TENANT_R4_ID);
    const link = `${rounds.url}/tab?listId=${DEMO_PRIVATE_LIST_IDS[DEMO_TENANT_R4_ID]}`;
    for (const [user, expected] of [
      [member!, 'ICU huddle (private channel)'],
      // A link names the list: one who may not see it is told so, and shown no other list instead (#11 item 6).
      [other!, 'You can’t open this list'],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      await page.getByRole('button', { name: `Sign in as ${user.name}` }).click();
      await page.getByText(expected).first().waitFor();
      await context.close();
    }
  });

  test('tells the user the configuration page belongs in Teams', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${rounds.url}/config`);
    await page.getByText('This page configures the tab inside Microsoft Teams.', { exact: false }).waitFor();
    await context.close();
  });

  test('lets Teams remove the tab at once and says the list stays', async () => {
    const user = (await demoUsers(rounds.url))[0]!;
    const { page, tab, context } = await openInHost(browser, rounds.url, { frame: 'remove', user: user.userId });
    await tab.getByRole('heading', { level: 1, name: 'Remove the Rounds tab' }).waitFor();
    expect(await tab.getByText(/does not delete its patient list/).count()).toBe(1);
    await expect.poll(async () => (await hostCalls(page, 'settings.setValidityState')).at(-1)).toEqual([true]);
    await page.evaluate(() => (window as unknown as { hostApi: { remove(): void } }).hostApi.remove());
    await expect.poll(async () => (await hostCalls(page, 'settings.remove.success')).length).toBe(1);
    await context.close();
  });
});
