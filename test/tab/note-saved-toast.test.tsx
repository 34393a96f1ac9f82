// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListsView } from '../../tab/features/lists/ListsView';
import { NoteEditor } from '../../tab/features/notes/NoteEditor';
import type { ListsSlots } from '../../tab/shared/slots';
import type { Entry } from '../../server/wire/contract';
import { startTabServer, type TabServer } from './support/rounds-server';
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

let fake: TabServer;
let listId: string;
let entry: Entry;
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA, ADA_ROW);
});
beforeEach(async () => {
  await fake.reset();
  listId = (await fake.addList({ name: 'Ward 4', context: CHANNEL })).id;
  entry = await fake.addEntry(listId, { patientId: ADA.id });
});
afterEach(() => cleanup());
afterAll(() => fake.close());

const savedNote = async (): Promise<string | undefined> =>
  (await fake.seed<{ entries: Entry[] }>('GET', `/api/lists/${listId}`)).entries[0]?.note?.text;

/** Opens the note from the list, lets the world change meanwhile, types and saves. */
async function saveNoteFromTheList(text: string, meanwhile: () => Promise<unknown> = () => Promise.resolve()): Promise<void> {
  const user = userEvent.setup({ delay: null });
  renderWithApi(<ListsView context={CHANNEL} slots={SLOTS} />, fake);
  await user.click(await screen.findByRole('button', { name: `Edit team note for ${ADA.name}` }));
  await meanwhile();
  await user.type(await screen.findByRole('textbox', { name: 'Note' }), text);
  await user.click(screen.getByRole('button', { name: 'Save note' }));
}

describe('the message after saving a note', () => {
  test('says "Note saved." when the save went through', async () => {
    await saveNoteFromTheList('Start oral antibiotics');
    expect(await screen.findByText('Note saved.')).toBeTruthy();
    expect(await savedNote()).toBe('Start oral antibiotics');
  });

  test('on a 409 conflict shows only the conflict message, never "Note saved."', async () => {
    // A colleague saves while the editor is open: the server answers 409 with their newer entry.
    await saveNoteFromTheList('Start oral antibiotics', () => fake.setNote(listId, entry, 'Family meeting at 3 pm', 'Dr. Okafor'));
    expect(await screen.findByText('Someone else saved this note first')).toBeTruthy();
    // Their note reaches the list behind the dialog, silently.
    await waitFor(() => expect(screen.getAllByText('Family meeting at 3 pm').length).toBeGreaterThan(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByText('Note saved.')).toBeNull();
  });
});
