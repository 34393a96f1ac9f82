// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListsView } from '../../tab/features/lists/ListsView';
import { NoteEditor } from '../../tab/features/notes/NoteEditor';
import type { ListsSlots } from '../../tab/shared/slots';
import { startFakeApi, type FakeApi } from './support/fake-api';
import { renderWithApi } from './support/render';
import { ADA, ADA_ROW } from './support/fixtures';

const CHANNEL = { kind: 'channel' as const, id: '19:channel' };
// Only the note editor is real here: the toast is the list's, the save is the editor's.
const SLOTS: ListsSlots = {
  AddPatients: () => null,
  PatientDetail: () => null,
  NoteEditor,
  RoundingSheet: () => null,
};

let fake: FakeApi;
beforeEach(async () => {
  fake = await startFakeApi();
  fake.patients.push(ADA);
  fake.rowExtras.set(ADA.id, ADA_ROW);
  const list = fake.addList({ name: 'Ward 4', context: CHANNEL });
  list.entries.push({ id: 'e-ada', patientId: ADA.id, display: ADA.name, version: 1, addedBy: 'x', addedAt: '' });
});
afterEach(async () => {
  cleanup();
  await fake.close();
});

/** Opens the note from the list, lets the world change meanwhile, types and saves. */
async function saveNoteFromTheList(text: string, meanwhile: () => void = () => undefined): Promise<void> {
  const user = userEvent.setup({ delay: null });
  renderWithApi(<ListsView context={CHANNEL} slots={SLOTS} />, fake);
  await user.click(await screen.findByRole('button', { name: `Edit team note for ${ADA.name}` }));
  meanwhile();
  await user.type(await screen.findByRole('textbox', { name: 'Note' }), text);
  await user.click(screen.getByRole('button', { name: 'Save note' }));
}

describe('the message after saving a note', () => {
  test('says "Note saved." when the save went through', async () => {
    await saveNoteFromTheList('Start oral antibiotics');
    expect(await screen.findByText('Note saved.')).toBeTruthy();
    expect(fake.lists[0]!.entries[0]!.note?.text).toBe('Start oral antibiotics');
  });

  test('on a 409 conflict shows only the conflict message, never "Note saved."', async () => {
    // A colleague saves while the editor is open: the server answers 409 with their newer entry.
    await saveNoteFromTheList('Start oral antibiotics', () => {
      const server = fake.lists[0]!.entries[0]!;
      server.version = 2;
      server.note = { text: 'Family meeting at 3 pm', author: 'Dr. Okafor', updatedAt: '2026-11-26T09:30:00Z' };
    });
    expect(await screen.findByText('Someone else saved this note first')).toBeTruthy();
    // Their note reaches the list behind the dialog, silently.
    await waitFor(() => expect(screen.getAllByText('Family meeting at 3 pm').length).toBeGreaterThan(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByText('Note saved.')).toBeNull();
  });
});
