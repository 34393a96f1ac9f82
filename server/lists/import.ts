// Import: each patient matched by id (confirmed in the EHR), else by MRN through the EHR (exactly one match);
// the rest kept as manual entries and reported, never dropped. Notes come back with their entries.
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { ImportReport, ListContext, PatientSummary } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import type { Ehr, PatientRecord } from '../fhir/ehr.js';
import type { NewEntry } from './list-store.js';
import type { ListService } from './list-service.js';
import type { ImportCandidate, ParsedImport } from './import-candidate.js';
import { dedupeKeyOf } from './store-tables.js';
import { LIST_LIMITS } from './limits.js';

export interface ImportTarget {
  context: ListContext;
  name?: string;
}

export interface ImportServiceDeps {
  lists: ListService;
  ehr?: Ehr;
  now?: () => Date;
}

/** MRN searches in flight at once, so a big import neither crawls nor floods the partner. */
const MRN_SEARCH_CONCURRENCY = 4;

export class ImportService {
  private readonly now: () => Date;

  constructor(private readonly deps: ImportServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** `signal`: the request ended (its client left): the EHR searches not yet sent are not sent. */
  async import(user: User, target: ImportTarget, parsed: ParsedImport, signal?: AbortSignal): Promise<ImportReport> {
    await this.deps.lists.assertCanCreateIn(user, target.context);
    const matches = await this.match(user.tenantId, parsed.candidates, signal);
    const at = this.now().toISOString();
    const keptAsManual: string[] = [];
    const mergedDuplicates: string[] = [];
    const byKey = new Map<string, NewEntry>();
    const entries: NewEntry[] = [];
    parsed.candidates.forEach((candidate, i) => {
      const patient = matches[i];
      const entry = patient ? this.patientEntry(user, candidate, patient, at) : this.manualEntry(user, candidate, at);
      const key = dedupeKeyOf(entry);
      const first = key === null ? undefined : byKey.get(key);
      if (first) {
        first.note ??= entry.note;
        mergedDuplicates.push(`${candidate.label} (${entry.display})`);
        return;
      }
      if (key !== null) byKey.set(key, entry);
      if (!patient) keptAsManual.push(`${candidate.label} (${entry.display})`);
      entries.push(entry);
    });
    const list = await this.deps.lists.create(
      user,
      { name: target.name ?? parsed.name ?? 'Imported list', context: target.context, columns: parsed.columns },
      entries,
      'list.imported',
    );
    return { list, keptAsManual, ...(mergedDuplicates.length > 0 ? { mergedDuplicates } : {}) };
  }

  /**
   * The EHR patient of each candidate, or undefined: one batched read for the ids, then MRN searches. The first
   * search that fails stops the ones still waiting (the import fails as a whole), as does the request ending.
   */
  private async match(
    tenantId: string,
    candidates: readonly ImportCandidate[],
    signal?: AbortSignal,
  ): Promise<(PatientSummary | undefined)[]> {
    const { ehr } = this.deps;
    if (!ehr) return candidates.map(() => undefined);
    const ids = [...new Set(candidates.flatMap((c) => (c.patientId ? [c.patientId] : [])))];
    const records =
      ids.length > 0 ? (await ehr.records(tenantId, ids, { parts: [], includePatient: true })).records : new Map<string, PatientRecord>();
    const stop = new AbortController();
    const stopped = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const limit = pLimit(MRN_SEARCH_CONCURRENCY);
    return Promise.all(
      candidates.map(async (c) => {
        const byId = c.patientId ? records.get(c.patientId)?.patient : undefined;
        if (byId || !c.mrn) return byId;
        const mrn = c.mrn;
        return limit(async () => {
          stopped.throwIfAborted();
          try {
            const found = await ehr.searchPatients(tenantId, { mrn, count: 2 });
            return found.patients.length === 1 ? found.patients[0] : undefined;
          } catch (error) {
            // Before this slot frees: the next search in the queue must already see it.
            stop.abort();
            throw error;
          }
        });
      }),
    );
  }

  private patientEntry(user: User, c: ImportCandidate, patient: PatientSummary, at: string): NewEntry {
    return {
      id: randomUUID(),
      patientId: patient.id,
      display: patient.name || c.name || `Patient ${patient.id}`,
      mrn: patient.mrn ?? c.mrn,
      note: this.noteOf(user, c, at),
      addedBy: user.name,
      addedAt: at,
    };
  }

  private manualEntry(user: User, c: ImportCandidate, at: string): NewEntry {
    const name = c.name ?? (c.mrn ? `MRN ${c.mrn}` : `Patient ${c.patientId ?? ''}`.trim());
    const manual = { name, mrn: c.mrn, birthDate: c.birthDate, gender: c.gender, location: c.location };
    return {
      id: randomUUID(),
      manual: Object.fromEntries(Object.entries(manual).filter(([, v]) => v !== undefined)) as typeof manual,
      display: name,
      mrn: c.mrn,
      note: this.noteOf(user, c, at),
      addedBy: user.name,
      addedAt: at,
    };
  }

  /**
   * The note as the importing user's, written now: a file may say anything about who wrote a note and when, so
   * that is kept only as quoted text at its start, marked as imported (left out when it would not fit).
   */
  private noteOf(user: User, c: ImportCandidate, at: string): NewEntry['note'] {
    if (!c.note) return undefined;
    const said = [c.note.author && `by ${c.note.author}`, c.note.updatedAt && `on ${c.note.updatedAt}`].filter(Boolean);
    const quoted = said.length > 0 ? `[Imported note, written ${said.join(' ')}]\n${c.note.text}` : c.note.text;
    const text = quoted.length <= LIST_LIMITS.noteLength ? quoted : c.note.text;
    return { text, author: user.name, updatedAt: at };
  }
}
