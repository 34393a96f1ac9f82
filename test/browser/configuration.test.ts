import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { HOST_TEAM_ID, hostCalls, launchChromium, openInHost, screenshot } from './support/browser.js';
import { demoUsers, startTestRounds, tokenFor, type TestRounds } from './support/rounds-server.js';

let rounds: TestRounds;
let browser: Browser;
let userId: string;
beforeAll(async () => {
  rounds = await startTestRounds();
  browser = await launchChromium();
  userId = (await demoUsers(rounds.url)).find((u) => u.fhirVersion === 'R4')!.userId;
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
});

describe('the configuration page in a Teams channel', { timeout: 60_000 }, () => {
  test('keeps Save disabled until the form is valid, then gives Teams the list id and the tab URLs', async () => {
    const contextId = '19:config-test@thread.tacv2';
    const { page, tab, context, errors } = await openInHost(browser, rounds.url, {
      frame: 'settings',
      user: userId,
      contextId,
    });
    const name = tab.getByRole('textbox', { name: /Name of the new list/ });
    await name.waitFor();
    const validity = async (): Promise<unknown> => (await hostCalls(page, 'settings.setValidityState')).at(-1)?.[0];
    expect(await validity()).toBe(false);
    await name.fill('Ward 4 rounds');
    await expect.poll(validity).toBe(true);
    await name.fill('   ');
    await expect.poll(validity).toBe(false);
    await name.fill('Ward 4 rounds');
    await expect.poll(validity).toBe(true);
    await screenshot(page, 'config');

    await page.evaluate(() => (window as unknown as { hostApi: { save(): void } }).hostApi.save());
    await expect.poll(async () => (await hostCalls(page, 'settings.save.success')).length).toBe(1);
    expect(await hostCalls(page, 'settings.save.failure')).toEqual([]);

    const [[settings]] = (await hostCalls(page, 'settings.setSettings')) as [[Record<string, string>]];
    const token = await tokenFor(rounds.url, userId);
    const lists = (await (
      await fetch(`${rounds.url}/api/lists?contextKind=channel&contextId=${encodeURIComponent(contextId)}&teamId=${HOST_TEAM_ID}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { lists: { id: string; name: string }[] };
    expect(lists.lists.map((l) => l.name)).toEqual(['Ward 4 rounds']);
    const listId = lists.lists[0]!.id;
    expect(settings).toMatchObject({
      entityId: listId,
      contentUrl: `${rounds.url}/tab?listId=${listId}`,
      websiteUrl: `${rounds.url}/tab?listId=${listId}`,
      suggestedDisplayName: 'Ward 4 rounds',
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
