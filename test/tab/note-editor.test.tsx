// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entry } from '../../server/wire/contract';
import { NoteEditor } from '../../tab/features/notes/NoteEditor';
import { mergeTexts } from '../../tab/features/notes/note-conflict';
import { startFakeApi, type FakeApi } from './support/fake-api';
import { renderWithApi, writesOf } from './support/render';

let fake: FakeApi;
let entry: Entry;
beforeEach(async () => {
  fake = await startFakeApi();
  const list = fake.addList({ name: 'Ward 4' });
  entry = {
    id: 'e-1',
    patientId: 'p-1',
    display: 'Ada Quill',
    version: 3,
    note: { text: 'Chest X-ray pending', author: 'Dr. Lee', updatedAt: '2026-11-26T08:00:00Z' },
    addedBy: 'x',
    addedAt: '',
  };
  list.entries.push({ ...entry });
});
afterEach(async () => {
  cleanup();
  await fake.close();
});

function renderEditor(
  onSaved: (e: Entry) => void = () => undefined,
  onClose: () => void = () => undefined,
  onTheirs: (e: Entry) => void = () => undefined,
): void {
  renderWithApi(
    <NoteEditor
      listId={fake.lists[0]!.id}
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
      { method: 'PUT', path: `/api/lists/${fake.lists[0]!.id}/entries/e-1/note`, body: { text: 'X-ray clear; start oral antibiotics', version: 3 } },
    ]);
    expect(saved[0]?.note?.text).toBe('X-ray clear; start oral antibiotics');
  });

  test('on a conflict keeps my text, shows theirs, merges on request and saves with the newer version', async () => {
    // A colleague saved first: the server is at version 4 with their text.
    const server = fake.lists[0]!.entries[0]!;
    server.version = 4;
    server.note = { text: 'Family meeting at 3 pm', author: 'Dr. Okafor', updatedAt: '2026-11-26T09:30:00Z' };
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
    expect(theirs.map((e) => e.version)).toEqual([4]); // the list shows their note meanwhile
    expect(saved).toEqual([]); // and nothing claims my text was saved

    await user.click(screen.getByRole('button', { name: 'Add their text to mine' }));
    await user.click(screen.getByRole('button', { name: 'Add their text to mine' }));
    expect((box as HTMLTextAreaElement).value).toBe('Start oral antibiotics\n\nFamily meeting at 3 pm');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(writesOf(fake).map((w) => w.body)).toEqual([
      { text: 'Start oral antibiotics', version: 3 },
      { text: 'Start oral antibiotics\n\nFamily meeting at 3 pm', version: 4 },
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
