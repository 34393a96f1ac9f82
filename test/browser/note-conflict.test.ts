// A note conflict says one truthful thing, in real Chromium (#11 item 2): two clinicians open the same
// team note; the first saves ("Note saved."); the second's save meets theirs (409) and shows the
// conflict message only, never a "Note saved." toast for text that was not saved.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { DEMO_SMART_TENANT_ID, startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import type { Entry } from '../../server/wire/contract.js';
import { launchChromium, openInHost, type HostPage } from './support/browser.js';
import { createDemoList } from './support/demo-list.js';
import { demoUsers, startTestRounds, type TestRounds } from './support/rounds-server.js';

const CONTEXT_ID = '19:note-conflict@thread.tacv2';

let partner: RunningDemoPartner;
let rounds: TestRounds;
let browser: Browser;
let userId: string;
let teammateId: string;
let entry: Entry;

beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, hospitals: [{ tenantId: DEMO_SMART_TENANT_ID }] });
  rounds = await startTestRounds({ demoPartner: partner });
  browser = await launchChromium();
  const [user, teammate] = (await demoUsers(rounds.url)).filter((u) => u.tenantId === DEMO_SMART_TENANT_ID);
  [userId, teammateId] = [user!.userId, teammate!.userId];
  const tenant = partner.tenants.find((t) => t.tenantId === DEMO_SMART_TENANT_ID)!;
  const made = await createDemoList(rounds.url, userId, {
    name: 'Cardiology Ward 9',
    contextId: CONTEXT_ID,
    columns: ['name', 'note'],
    patientIds: tenant.samplePatientIds.slice(0, 1),
  });
  entry = made.entries[0]!;
});
afterAll(async () => {
  await browser?.close();
  await rounds?.stop();
  await partner?.close();
});

/** Opens the list as this user, then the note editor of the entry, and types into it. */
async function openNoteAndType(user: string, text: string): Promise<HostPage> {
  const host = await openInHost(browser, rounds.url, { user, contextId: CONTEXT_ID });
  await host.tab.getByRole('button', { name: `Edit team note for ${entry.display}` }).click();
  await host.tab.getByRole('textbox', { name: 'Note' }).fill(text);
  return host;
}

const saveNote = (tab: Frame): Promise<void> => tab.getByRole('button', { name: 'Save note' }).click();

describe('saving a note someone else saved first, in Chromium', { timeout: 90_000 }, () => {
  test('the second save shows the conflict message and no "Note saved." toast', async () => {
    const first = await openNoteAndType(teammateId, 'Family meeting at 3 pm');
    const second = await openNoteAndType(userId, 'Start oral antibiotics');

    await saveNote(first.tab);
    await first.tab.getByText('Note saved.').first().waitFor();

    await saveNote(second.tab);
    await second.tab.getByText('Someone else saved this note first').waitFor();
    // Their note reaches the list behind the dialog; my text stays in the box, unsaved.
    await second.tab.getByRole('row', { includeHidden: true }).getByText('Family meeting at 3 pm').waitFor({ state: 'attached' });
    expect(await second.tab.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Start oral antibiotics');
    await second.page.waitForTimeout(500); // a toast would be up by now
    expect(await second.tab.getByText('Note saved.').count()).toBe(0);

    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.context.close();
    await second.context.close();
  });
});
