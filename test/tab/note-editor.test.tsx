// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entry } from '../../server/wire/contract';
import { NoteEditor } from '../../tab/features/notes/NoteEditor';
import { mergeTexts } from '../../tab/features/notes/note-conflict';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi, writesOf } from './support/render';
import { ADA } from './support/fixtures';

let fake: TabServer;
let entry: Entry;
let listId: string;
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA);
});
beforeEach(async () => {
  await fake.reset();
  listId = (await fake.addList({ name: 'Ward 4' })).id;
  // Ada's entry with a note Dr. Lee saved.
  entry = await fake.setNote(listId, await fake.addEntry(listId, { patientId: ADA.id }), 'Chest X-ray pending', 'Dr. Lee');
});
afterEach(() => cleanup());
afterAll(() => fake.close());

function renderEditor(
  onSaved: (e: Entry) => void = () => undefined,
  onClose: () => void = () => undefined,
  onTheirs: (e: Entry) => void = () => undefined,
): void {
  renderWithApi(
    <NoteEditor
      listId={listId}
      entry={entry}
      patientName="Ada Quill"
      onSaved={onSaved}
      onTheirs={onTheirs}
      onClose={onClose}
    />,
    fake,
  );
}

describe('the note editor', () => {
  test('shows who wrote the note and saves the new text with the entry version', async () => {
    const saved: Entry[] = [];
    let closed = false;
    renderEditor((e) => saved.push(e), () => (closed = true));
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText(/Last edited by Dr. Lee/)).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Note' });
    await user.clear(box);
    await user.type(box, 'X-ray clear; start oral antibiotics');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(writesOf(fake)).toEqual([
      { method: 'PUT', path: `/api/lists/${listId}/entries/${entry.id}/note`, body: { text: 'X-ray clear; start oral antibiotics', version: entry.version } },
    ]);
    expect(saved[0]?.note?.text).toBe('X-ray clear; start oral antibiotics');
  });

  test('on a conflict keeps my text, shows theirs, merges on request and saves with the newer version', async () => {
    // A colleague saved first: the server is at a newer version with their text.
    const server = await fake.setNote(listId, entry, 'Family meeting at 3 pm', 'Dr. Okafor');
    const saved: Entry[] = [];
    const theirs: Entry[] = [];
    renderEditor((e) => saved.push(e), undefined, (e) => theirs.push(e));
    const user = userEvent.setup({ delay: null });
    const box = await screen.findByRole('textbox', { name: 'Note' });
    await user.clear(box);
    await user.type(box, 'Start oral antibiotics');
    await user.click(screen.getByRole('button', { name: 'Save note' }));

    expect(await screen.findByText('Someone else saved this note first')).toBeTruthy();
    expect(screen.getByText(/Their note \(Dr. Okafor/)).toBeTruthy();
    expect(screen.getByText('Family meeting at 3 pm')).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe('Start oral antibiotics');
    expect(theirs.map((e) => e.version)).toEqual([server.version]); // the list shows their note meanwhile
    expect(saved).toEqual([]); // and nothing claims my text was saved

    await user.click(screen.getByRole('button', { name: 'Add their text to mine' }));
    await user.click(screen.getByRole('button', { name: 'Add their text to mine' }));
    expect((box as HTMLTextAreaElement).value).toBe('Start oral antibiotics\n\nFamily meeting at 3 pm');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(writesOf(fake).map((w) => w.body)).toEqual([
      { text: 'Start oral antibiotics', version: entry.version },
      { text: 'Start oral antibiotics\n\nFamily meeting at 3 pm', version: server.version },
    ]);
    expect(saved[0]?.note?.text).toBe('Start oral antibiotics\n\nFamily meeting at 3 pm');
  });

  test('shows why a save failed and keeps the text', async () => {
    fake.failNext('PUT', /\/note$/, 400, 'Invalid request body: text: must be at most 4000 characters');
    renderEditor();
    const user = userEvent.setup({ delay: null });
    const box = await screen.findByRole('textbox', { name: 'Note' });
    await user.type(box, ' and more');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(await screen.findByText(/text: must be at most 4000 characters/)).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe('Chest X-ray pending and more');
  });
});

describe('merging note texts', () => {
  test('adds their text under mine once, and takes theirs when mine is empty', () => {
    expect(mergeTexts('mine', 'theirs')).toBe('mine\n\ntheirs');
    expect(mergeTexts('mine\n\ntheirs', 'theirs')).toBe('mine\n\ntheirs');
    expect(mergeTexts('', 'theirs')).toBe('theirs');
    expect(mergeTexts('mine', '  ')).toBe('mine');
  });
});
