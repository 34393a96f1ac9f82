// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigPage } from '../../tab/features/config/ConfigPage';
import type { ConfigHost, TabConfig } from '../../tab/features/config/config-host';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi, writesOf } from './support/render';

const CHANNEL = { kind: 'channel' as const, id: '19:channel' };
const ORIGIN = 'https://rounds.example.org';

/** Stands in for Teams' side of the settings frame and records what the page tells it. */
class RecordingHost implements ConfigHost {
  validity: boolean[] = [];
  configs: TabConfig[] = [];
  outcomes: string[] = [];
  private saveHandler?: () => Promise<void>;
  failSetConfig = false;

  setValidityState = (isValid: boolean): void => {
    this.validity.push(isValid);
  };
  onSave = (handler: () => Promise<void>): void => {
    this.saveHandler = handler;
  };
  onRemove = (): void => undefined;
  setConfig = (config: TabConfig): Promise<void> => {
    if (this.failSetConfig) return Promise.reject(new Error('Teams refused the settings'));
    this.configs.push(config);
    return Promise.resolve();
  };
  /** Teams' Save button: success or failure is reported once. */
  async save(): Promise<void> {
    if (!this.saveHandler) throw new Error('no save handler registered');
    await this.saveHandler().then(
      () => this.outcomes.push('success'),
      (error: Error) => this.outcomes.push(`failure: ${error.message}`),
    );
  }
  get isValid(): boolean | undefined {
    return this.validity.at(-1);
  }
}

let fake: TabServer;
let host: RecordingHost;
beforeAll(async () => {
  fake = await startTabServer();
});
beforeEach(async () => {
  await fake.reset();
  host = new RecordingHost();
});
afterEach(() => cleanup());
afterAll(() => fake.close());

describe('the configuration page', () => {
  test('keeps Save disabled until a new list is named, and creates it on Save', async () => {
    renderWithApi(<ConfigPage host={host} context={CHANNEL} origin={ORIGIN} />, fake);
    const user = userEvent.setup({ delay: null });
    const name = await screen.findByRole('textbox', { name: /Name of the new list/ });
    expect(host.isValid).toBe(false);
    await user.type(name, '  ');
    expect(host.isValid).toBe(false);
    await user.type(name, 'Ward 4 rounds');
    expect(host.isValid).toBe(true);
    await user.clear(name);
    expect(host.isValid).toBe(false);
    await user.type(name, 'x'.repeat(101));
    expect(host.isValid).toBe(false);
    expect(screen.getByText('Use at most 100 characters.')).toBeTruthy();
    await user.clear(name);
    await user.type(name, 'Ward 4 rounds');

    await host.save();
    expect(host.outcomes).toEqual(['success']);
    expect(writesOf(fake)).toEqual([
      { method: 'POST', path: '/api/lists', body: { name: 'Ward 4 rounds', context: CHANNEL } },
    ]);
    const [created] = (await fake.seed<{ lists: { id: string }[] }>('GET', `/api/lists?contextKind=channel&contextId=${encodeURIComponent(CHANNEL.id)}`)).lists;
    const id = created!.id;
    expect(host.configs).toEqual([
      {
        entityId: id,
        contentUrl: `${ORIGIN}/tab?listId=${id}`,
        websiteUrl: `${ORIGIN}/tab?listId=${id}`,
        suggestedDisplayName: 'Ward 4 rounds',
        removeUrl: `${ORIGIN}/remove`,
      },
    ]);
  });

  test('offers the existing lists of the context; picking one makes the form valid and saves it', async () => {
    const existing = await fake.addList({ name: 'Cardiology', context: CHANNEL });
    // Two lists here, so none is preselected (the only one would be).
    await fake.addList({ name: 'Neurology', context: CHANNEL });
    await fake.addList({ name: 'Another channel', context: { kind: 'channel', id: '19:other' } });
    renderWithApi(<ConfigPage host={host} context={CHANNEL} origin={ORIGIN} />, fake);
    const user = userEvent.setup({ delay: null });
    const picker = await screen.findByRole('combobox', { name: /List/ });
    expect(host.isValid).toBe(false);
    await user.click(picker);
    expect(screen.queryByRole('option', { name: 'Another channel' })).toBeNull();
    await user.click(await screen.findByRole('option', { name: 'Cardiology' }));
    await waitFor(() => expect(host.isValid).toBe(true));
    await host.save();
    expect(host.outcomes).toEqual(['success']);
    expect(host.configs[0]).toMatchObject({ entityId: existing.id, suggestedDisplayName: 'Cardiology' });
    expect(writesOf(fake)).toEqual([]);
  });

  test('reports a failed save to Teams once, with the reason, and shows it', async () => {
    fake.failNext('POST', /^\/api\/lists$/, 400, 'Invalid request body: name: must not be empty');
    renderWithApi(<ConfigPage host={host} context={CHANNEL} origin={ORIGIN} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByRole('textbox', { name: /Name of the new list/ }), 'Ward 4');
    await host.save();
    expect(host.outcomes).toEqual(['failure: The tab could not be saved: Invalid request body: name: must not be empty']);
    expect((await screen.findByRole('alert')).textContent).toContain('name: must not be empty');
    expect(host.configs).toEqual([]);
  });
});
