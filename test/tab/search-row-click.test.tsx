// @vitest-environment jsdom
import type { JSX } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SearchResults } from '../../tab/features/add-patient/SearchResults';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';
import { ADA, BEN } from './support/fixtures';

let fake: TabServer;
beforeAll(async () => {
  fake = await startTabServer();
});
beforeEach(() => fake.reset());
afterEach(() => cleanup());
afterAll(() => fake.close());

describe('search results', () => {
  function renderResults(onList: string[] = []): { toggles: [string, boolean][]; rerender: (selected: string[]) => void } {
    const toggles: [string, boolean][] = [];
    const ui = (selected: string[]): JSX.Element => (
      <SearchResults
        patients={[ADA, BEN]}
        selected={new Set(selected)}
        onList={new Set(onList)}
        onToggle={(id, isSelected) => toggles.push([id, isSelected])}
      />
    );
    const { rerender } = renderWithApi(ui([]), fake);
    return { toggles, rerender: (selected) => rerender(ui(selected)) };
  }

  test('ticks a patient when anywhere else on the row is clicked', async () => {
    const user = userEvent.setup({ delay: null });
    const { toggles } = renderResults();
    await user.click(screen.getByRole('cell', { name: ADA.mrn! }));
    expect(toggles).toEqual([[ADA.id, true]]);
  });

  test('toggles once, not twice, when the checkbox itself is clicked or Space is pressed on it', async () => {
    const user = userEvent.setup({ delay: null });
    const { toggles } = renderResults();
    await user.click(screen.getByRole('checkbox', { name: 'Select Ada Quill' }));
    expect(toggles).toEqual([[ADA.id, true]]);
    screen.getByRole('checkbox', { name: 'Select Ben Arrow' }).focus();
    await user.keyboard(' ');
    expect(toggles).toEqual([
      [ADA.id, true],
      [BEN.id, true],
    ]);
  });

  test('does nothing when the row of a patient already on the list is clicked', async () => {
    const user = userEvent.setup({ delay: null });
    const { toggles } = renderResults([BEN.id]);
    await user.click(screen.getByRole('cell', { name: BEN.mrn! }));
    expect(toggles).toEqual([]);
  });
});
