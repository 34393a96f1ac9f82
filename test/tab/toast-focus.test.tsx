// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button } from '@fluentui/react-components';
import type { JSX } from 'react';
import { ListsView } from '../../tab/features/lists/ListsView';
import { NoteEditor } from '../../tab/features/notes/NoteEditor';
import type { ListsSlots } from '../../tab/shared/slots';
import { useNotify } from '../../tab/shared/toast';
import { focusWhenReady } from '../../tab/shared/use-focus-return';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi } from './support/render';
import { ADA, ADA_ROW } from './support/fixtures';

// #11 item 1: toasts never take or hold the keyboard focus (WCAG 2.1.2).

const CHANNEL = { kind: 'channel' as const, id: '19:channel' };
const SLOTS: ListsSlots = { AddPatients: () => null, PatientDetail: () => null, NoteEditor, RoundingSheet: () => null };

let fake: TabServer;
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA, ADA_ROW);
});
beforeEach(() => fake.reset());
afterEach(() => cleanup());
afterAll(() => fake.close());

function Notifier(): JSX.Element {
  const notify = useNotify();
  return (
    <>
      <Button onClick={() => notify('1 patient added.')}>Add</Button>
      <Button onClick={() => notify('Removed.', { action: { label: 'Undo', onClick: () => undefined } })}>Remove</Button>
      <Button>After</Button>
    </>
  );
}

const isInToast = (): boolean => Boolean(document.activeElement?.closest('.fui-Toaster'));

describe('toasts and the keyboard', () => {
  test('a toast is not a tab stop (Tab and Shift+Tab past it are checked in Chromium: keyboard-focus)', async () => {
    // jsdom lands on tabster's dummy inputs, which a real browser redirects, so only the attribute here.
    const user = userEvent.setup({ delay: null });
    renderWithApi(<Notifier />, fake);
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const title = await screen.findByText('1 patient added.', { selector: '.fui-ToastTitle' });
    expect(title.closest('.fui-ToastContainer')?.getAttribute('tabindex')).toBe('-1');
    expect(isInToast()).toBe(false);
  });

  test('from inside a toast (Ctrl+M, for Undo), Tab and Escape go back where the user was', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(<Notifier />, fake);
    const remove = screen.getByRole('button', { name: 'Remove' });
    await user.click(remove);
    const undo = await screen.findByRole('button', { name: 'Undo' });
    act(() => undo.focus());
    await user.tab();
    expect(document.activeElement).toBe(remove);
    act(() => undo.focus());
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(remove);
  });

  test('focusWhenReady waits for an element that is not rendered yet', async () => {
    const late = document.createElement('button');
    focusWhenReady(() => (late.isConnected ? late : null));
    await new Promise((resolve) => setTimeout(resolve, 50));
    document.body.append(late);
    await waitFor(() => expect(document.activeElement).toBe(late));
    late.remove();
  });

  test('saving a note from the list puts the focus back on that row', async () => {
    const list = await fake.addList({ name: 'Ward 4', context: CHANNEL });
    await fake.addEntry(list.id, { patientId: ADA.id });
    const user = userEvent.setup({ delay: null });
    renderWithApi(<ListsView context={CHANNEL} slots={SLOTS} />, fake);
    await user.click(await screen.findByRole('button', { name: `Edit team note for ${ADA.name}` }));
    await user.type(await screen.findByRole('textbox', { name: 'Note' }), 'Walk twice today');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await screen.findByText('Note saved.', { selector: '.fui-ToastTitle' });
    await waitFor(() => expect(document.activeElement?.closest('[data-entry-id], [aria-label^="Edit team note"]')).toBeTruthy());
    expect(isInToast()).toBe(false);
  });
});
