// Entries of a list: add by EHR patient id (with a display snapshot from the EHR) or by hand, remove, and notes.
import { randomUUID } from 'node:crypto';
import type { Entry, List, ManualPatient } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import type { Ehr } from '../fhir/ehr.js';
import { badGateway, badRequest, conflict, notConfigured, notFound, type ApiError } from '../errors.js';
import type { AddEntryResult, ListStore, NewEntry, StoredAuditEvent } from './list-store.js';
import { listEvent, type AuditLog } from './audit.js';
import type { ListService } from './list-service.js';
import { LIST_LIMITS } from './limits.js';
import { MANUAL_LIMITS, snapshotText } from './fields.js';
import { listNotFound } from './access.js';
import type { RowChanges } from './row-changes.js';

export type NewEntryInput = { patientId: string; manual?: undefined } | { patientId?: undefined; manual: ManualPatient };

export interface EntryServiceDeps {
  store: ListStore;
  audit: AuditLog;
  lists: ListService;
  /** Takes one's own note edit as seen by its author. */
  changes: RowChanges;
  ehr?: Ehr;
  now?: () => Date;
}

const entryNotFound = (): ApiError => notFound('Entry not found');

/** The EHR's answer for one patient id: its name and MRN to keep as the entry's snapshot. */
export async function snapshotOf(ehr: Ehr | undefined, tenantId: string, patientId: string): Promise<Pick<NewEntry, 'display' | 'mrn'>> {
  if (!ehr) throw notConfigured('No EHR connection is configured: add the patient by hand instead');
  const record = (await ehr.records(tenantId, [patientId], { parts: [], includePatient: true })).records.get(patientId);
  if (record?.patient) {
    const { name, mrn } = record.patient;
    return {
      display: snapshotText(name || `Patient ${patientId}`, MANUAL_LIMITS.name),
      mrn: mrn === undefined ? undefined : snapshotText(mrn, MANUAL_LIMITS.mrn),
    };
  }
  const issues = record?.issues ?? [];
  if (issues.length > 0 && !issues.some((issue) => /\b(404|410)\b|not found/i.test(issue)))
    throw badGateway('The EHR could not confirm this patient; try again');
  throw badRequest('patientId: the EHR has no patient with this id');
}

export function rejectionOf(result: Exclude<AddEntryResult, { status: 'ok' }>): ApiError {
  if (result.status === 'not-found') return listNotFound();
  if (result.status === 'full') return badRequest(`entries: a list holds at most ${LIST_LIMITS.entriesPerList} patients`);
  return conflict('This patient is already on the list', { existingEntryId: result.existingEntryId });
}

export class EntryService {
  private readonly now: () => Date;

  constructor(private readonly deps: EntryServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async add(user: User, listId: string, input: NewEntryInput): Promise<Entry> {
    const list = await this.deps.lists.get(user, listId);
    const base = { id: randomUUID(), addedBy: user.name, addedAt: this.now().toISOString() };
    const entry: NewEntry = input.manual
      ? { ...base, manual: input.manual, display: input.manual.name, mrn: input.manual.mrn }
      : { ...base, patientId: input.patientId, ...(await snapshotOf(this.deps.ehr, user.tenantId, input.patientId)) };
    const result = await this.deps.store.addEntry(
      user.tenantId,
      listId,
      entry,
      LIST_LIMITS.entriesPerList,
      this.events(user, list, 'entry.added', entry),
    );
    if (result.status !== 'ok') throw rejectionOf(result);
    return result.entry;
  }

  async remove(user: User, listId: string, entryId: string): Promise<void> {
    const list = await this.deps.lists.get(user, listId);
    const entry = list.entries.find((e) => e.id === entryId);
    const at = this.now().toISOString();
    if (!entry || !(await this.deps.store.removeEntry(user.tenantId, listId, entryId, at, this.events(user, list, 'entry.removed', entry))))
      throw entryNotFound();
  }

  /**
   * Sets the entry's note; empty (or only blank) text removes it. A stale version gets 409 with the current entry.
   * The author's own edit is not a change to them.
   */
  async setNote(user: User, listId: string, entryId: string, input: { text: string; version: number }): Promise<Entry> {
    const list = await this.deps.lists.get(user, listId);
    const at = this.now().toISOString();
    const note = input.text.trim() === '' ? null : { text: input.text, author: user.name, updatedAt: at };
    // The event names the entry's patient as the list was just read; a stale id is refused below, event and all.
    const result = await this.deps.store.setNote(
      user.tenantId,
      listId,
      entryId,
      input.version,
      note,
      at,
      this.events(user, list, 'note.edited', list.entries.find((e) => e.id === entryId) ?? { id: entryId }),
    );
    if (result.status === 'not-found') throw entryNotFound();
    if (result.status === 'conflict')
      throw conflict(
        `version ${input.version} is stale: the entry is at version ${result.current.version}; reload the note and retry`,
        { current: result.current },
      );
    await this.deps.changes.acknowledgeNote(user.tenantId, listId, user.userId, result.value);
    return result.value;
  }

  private events(
    user: User,
    list: List,
    type: 'entry.added' | 'entry.removed' | 'note.edited',
    entry: Pick<Entry, 'id' | 'patientId'>,
  ): StoredAuditEvent[] {
    return this.deps.audit.stamp([listEvent(user, list, type, entry)]);
  }
}
