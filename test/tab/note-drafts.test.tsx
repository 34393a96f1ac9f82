// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { act, cleanup, renderHook, screen, waitFor, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ClientConfig, Entry, Me } from '../../server/wire/contract';
import { useSession } from '../../tab/app/use-session';
import { NoteEditor } from '../../tab/features/notes/NoteEditor';
import { readNoteDraft, writeNoteDraft } from '../../tab/shared/note-drafts';
import { startTabServer, type TabServer } from './support/rounds-server';
import { queryWrapper, renderWithApi, writesOf } from './support/render';
import { ADA } from './support/fixtures';

let fake: TabServer;
let entry: Entry;
let listId: string;
beforeAll(async () => {
  fake = await startTabServer();
  fake.addPatient(ADA);
});
beforeEach(async () => {
  sessionStorage.clear();
  localStorage.clear();
  await fake.reset();
  const list = await fake.addList({ name: 'Ward 4' });
  listId = list.id;
  // Ada's entry with a note Dr. Lee saved.
  entry = await fake.setNote(listId, await fake.addEntry(listId, { patientId: ADA.id }), 'Chest X-ray pending', 'Dr. Lee');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
afterAll(() => fake.close());

function renderEditor(handlers: { onSaved?: (e: Entry) => void; onClose?: () => void } = {}): RenderResult {
  const props = {
    listId,
    entry,
    patientName: 'Ada Quill',
    onSaved: handlers.onSaved ?? (() => undefined),
    onTheirs: () => undefined,
    onClose: handlers.onClose ?? (() => undefined),
  };
  return renderWithApi(<NoteEditor {...props} />, fake);
}

const box = (): Promise<HTMLTextAreaElement> => screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Note' });

async function typeDraft(text: string): Promise<void> {
  const user = userEvent.setup({ delay: null });
  const field = await box();
  await user.clear(field);
  await user.type(field, text);
}

describe('unsaved note drafts', () => {
  test('keeps the draft when the editor closes without saving and restores it on reopening', async () => {
    let closed = 0;
    const first = renderEditor({ onClose: () => (closed += 1) });
    await typeDraft('Start oral antibiotics');
    expect(screen.queryByText('Unsaved draft restored')).toBeNull();
    await userEvent.setup({ delay: null }).keyboard('{Escape}');
    await waitFor(() => expect(closed).toBe(1));
    first.unmount();

    renderEditor();
    expect((await box()).value).toBe('Start oral antibiotics');
    expect(screen.getByText('Unsaved draft restored')).toBeTruthy();
    expect(writesOf(fake)).toEqual([]);
  });

  test('keys the draft by list and entry only, in sessionStorage, never localStorage', async () => {
    renderEditor();
    await typeDraft('Family meeting at 3 pm');
    await waitFor(() => expect(sessionStorage.length).toBe(1));
    expect(sessionStorage.key(0)).toBe(`rounds.draft.${listId}.${entry.id}`);
    expect(readNoteDraft(listId, entry.id)).toEqual({ text: 'Family meeting at 3 pm', version: entry.version });
    expect(localStorage.length).toBe(0);
  });

  test('saves a restored draft against the version it was written on, then forgets it', async () => {
    writeNoteDraft(listId, entry.id, { text: 'Chest X-ray clear', version: entry.version });
    let closed = false;
    renderEditor({ onClose: () => (closed = true) });
    expect((await box()).value).toBe('Chest X-ray clear');
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(writesOf(fake).map((w) => w.body)).toEqual([{ text: 'Chest X-ray clear', version: entry.version }]);
    expect(readNoteDraft(listId, entry.id)).toBeUndefined();
  });

  test('Discard draft goes back to the saved note and forgets the draft', async () => {
    writeNoteDraft(listId, entry.id, { text: 'Chest X-ray clear', version: entry.version });
    renderEditor();
    const field = await box();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(field.value).toBe('Chest X-ray pending');
    expect(screen.queryByText('Unsaved draft restored')).toBeNull();
    expect(readNoteDraft(listId, entry.id)).toBeUndefined();
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  test('Cancel discards the draft', async () => {
    let closed = false;
    const first = renderEditor({ onClose: () => (closed = true) });
    await typeDraft('Not this');
    await waitFor(() => expect(readNoteDraft(listId, entry.id)?.text).toBe('Not this'));
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Cancel' }));
    expect(closed).toBe(true);
    first.unmount();
    expect(readNoteDraft(listId, entry.id)).toBeUndefined();

    renderEditor();
    expect((await box()).value).toBe('Chest X-ray pending');
    expect(screen.queryByText('Unsaved draft restored')).toBeNull();
  });

  test('asks the browser to warn before leaving only while the text differs from the saved note', async () => {
    renderEditor();
    const leave = (): boolean => window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    await box();
    expect(leave()).toBe(true);
    await typeDraft('Unsaved words');
    expect(leave()).toBe(false);
    await typeDraft('Chest X-ray pending');
    expect(leave()).toBe(true);
    expect(readNoteDraft(listId, entry.id)).toBeUndefined();
  });

  test('signing out clears every note draft and nothing else of the tab', async () => {
    const me: Me = { tenantId: 't-1', userId: 'u-1', name: 'Dr. Lee', username: 'lee@example.org', isDemo: true };
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(JSON.stringify(me), { headers: { 'content-type': 'application/json' } }))),
    );
    sessionStorage.setItem('rounds.demoToken', 'demo-token');
    writeNoteDraft(listId, entry.id, { text: 'one', version: entry.version });
    writeNoteDraft('other-list', 'e-9', { text: 'two', version: 1 });
    sessionStorage.setItem('unrelated', 'kept');
    const config: ClientConfig = { isDemo: true, authority: '', autoRefreshSeconds: 60 };
    const boot = { config };
    const { result } = renderHook(() => useSession(boot), { wrapper: queryWrapper() });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    const session = result.current;
    if (session.status !== 'ready' || !session.signOut) throw new Error('no sign-out offered');
    const signOut = session.signOut;
    act(() => signOut());

    await waitFor(() => expect(result.current.status).toBe('signed-out'));
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('rounds.draft.'))).toEqual([]);
    expect(sessionStorage.getItem('unrelated')).toBe('kept');
    expect(localStorage.length).toBe(0);
  });
});
