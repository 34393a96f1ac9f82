// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { ConfigPage } from '../../tab/features/config/ConfigPage';
import type { ConfigHost, TabConfig } from '../../tab/features/config/config-host';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';

const CHANNEL = { kind: 'channel' as const, id: '19:channel' };

let fake: TabServer;
beforeAll(async () => {
  fake = await startTabServer();
});
beforeEach(() => fake.reset());
afterEach(() => cleanup());
afterAll(() => fake.close());

class QuietHost implements ConfigHost {
  validity: boolean[] = [];
  configs: TabConfig[] = [];
  private saveHandler?: () => Promise<void>;
  setValidityState = (isValid: boolean): void => {
    this.validity.push(isValid);
  };
  onSave = (handler: () => Promise<void>): void => {
    this.saveHandler = handler;
  };
  onRemove = (): void => undefined;
  setConfig = (config: TabConfig): Promise<void> => {
    this.configs.push(config);
    return Promise.resolve();
  };
  save(): Promise<void> {
    if (!this.saveHandler) throw new Error('no save handler registered');
    return this.saveHandler();
  }
}

describe('the configuration page', () => {
  test('preselects the only list of the context, so Save is valid at once and saves it', async () => {
    const only = await fake.addList({ name: 'Cardiology', context: CHANNEL });
    const host = new QuietHost();
    renderWithApi(<ConfigPage host={host} context={CHANNEL} origin="https://rounds.example.org" />, fake);
    const dropdown = await screen.findByRole('combobox', { name: 'List' });
    expect(dropdown.textContent).toContain('Cardiology');
    await waitFor(() => expect(host.validity.at(-1)).toBe(true));
    await host.save();
    expect(host.configs[0]?.entityId).toBe(only.id);
  });

  test('leaves the choice open when the context has several lists', async () => {
    await fake.addList({ name: 'Cardiology', context: CHANNEL });
    await fake.addList({ name: 'Ward 4', context: CHANNEL });
    const host = new QuietHost();
    renderWithApi(<ConfigPage host={host} context={CHANNEL} origin="https://rounds.example.org" />, fake);
    await screen.findByRole('combobox', { name: 'List' });
    expect(host.validity.at(-1)).toBe(false);
  });
});
