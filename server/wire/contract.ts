// Wire types of our HTTP API (../shared/spec/api.md): the floor every room of the server stands on, and what the
// tab sees of it (it imports them with `import type`). Routes and their input schemas live in server/api/.
// Add fields freely; renaming or dropping one needs a migration note in the README.

export type FhirVersion = 'DSTU2' | 'STU3' | 'R4';

export interface PatientSummary {
  id: string;
  name: string;
  family?: string;
  given: string[];
  prefix: string[];
  gender?: string;
  birthDate?: string;
  mrn?: string;
  generalPractitioner?: string;
  deceased?: boolean;
  /** When the patient died, as the EHR sent it (`deceasedDateTime`); absent when it only said `deceasedBoolean`. */
  deceasedDate?: string;
}

export interface EncounterSummary {
  id?: string;
  status?: string;
  type?: string;
  start?: string;
  end?: string;
  location?: string;
  participants: string[];
}

export interface ConditionSummary {
  text: string;
  recorded?: string;
  onset?: string;
  severity?: string;
  clinicalStatus?: string;
}

/** Where a value stands: the EHR's own interpretation or reference range, else Rounds' adult defaults (NEWS2 bands). */
export type Flag = 'normal' | 'low' | 'high' | 'critical-low' | 'critical-high';

export interface VitalComponent {
  code?: string;
  name: string;
  value?: number;
  unit?: string;
  flag?: Flag;
}

/** One observed value as the EHR gave it, flagged: what a vital sign and a lab result have in common. */
export interface Measurement {
  code?: string;
  name: string;
  value?: number;
  unit?: string;
  /** An answer that is not a plain number, as the EHR sent it: a level of consciousness (AVPU), "<0.01", "Positive". */
  text?: string;
  effective?: string;
  flag?: Flag;
}

export interface VitalSign extends Measurement {
  components: VitalComponent[];
}

/**
 * The latest result of one lab test (a LOINC code of LAB_CODES), flagged like the vitals: the EHR's interpretation,
 * else its reference range, else Rounds' adult defaults (server/clinical/lab-ranges.ts) when the unit is one they know.
 */
export interface LabResult extends Measurement {
  /** The EHR's own reference range, as text ("3.5–5.1 mmol/L"); absent when it sent none. */
  referenceRange?: string;
}

/** The National Early Warning Score 2 of a row, from its latest vitals within a window (24 h). */
export interface News2 {
  score: number;
  band: 'low' | 'low-medium' | 'medium' | 'high';
  /** Some parameters were not recorded (or too old): the score is a partial one, never a complete one. */
  partial: boolean;
  missing: string[];
  parameters: { name: string; value?: number; points: number }[];
}

export interface AllergySummary {
  substance: string;
  /**
   * The EHR recorded that the patient has no known allergy (SNOMED 716186003): an answer, unlike an empty list,
   * which only says nothing was recorded. Absent otherwise.
   */
  isNoKnownAllergy?: boolean;
  clinicalStatus?: string;
  verificationStatus?: string;
  recorded?: string;
  reactions: string[];
  note?: string;
}

export interface MedicationSummary {
  name: string;
  status?: string;
  authored?: string;
  prescriber?: string;
  dosage?: string;
}

export interface CoverageSummary {
  payor?: string;
  plan?: string;
  group?: string;
  subscriberId?: string;
  period?: { start?: string; end?: string };
}

/** What the EHR says of one patient beyond the Patient itself: in the details, and in a list's row (its columns' parts). */
export interface ClinicalRecord {
  encounter?: EncounterSummary;
  conditions: ConditionSummary[];
  vitals: VitalSign[];
  /** The latest result of each configured lab, in LAB_CODES order; in a row, `[]` without the `labs` column. */
  labs: LabResult[];
  allergies: AllergySummary[];
  medications: MedicationSummary[];
  coverage: CoverageSummary[];
}

export interface PatientDetail extends ClinicalRecord {
  patient: PatientSummary;
  /** One line per resource type that could not be read, e.g. "Coverage: 404 from the EHR". */
  issues: string[];
}

export interface PatientSearchResult {
  patients: PatientSummary[];
  total?: number;
  /** Opaque cursor of the next page: `GET /api/patients?cursor=<next>`; absent on the last page. */
  next?: string;
  /**
   * What was asked of the EHR, in the order tried ("Abernathy W": family W, then family Abernathy); the patients
   * are the answer to the last one. Absent on further pages.
   */
  searched?: SearchTerms[];
}

/** One search as sent to the EHR: `family` and `given` match the start of the name part, `mrn` the whole MRN. */
export interface SearchTerms {
  name?: string;
  family?: string;
  given?: string;
  mrn?: string;
  birthdate?: string;
  gender?: string;
}

export interface Me {
  tenantId: string;
  userId: string;
  name: string;
  username: string;
  isDemo?: boolean;
}

export interface Connection {
  mode: 'partner' | 'direct' | 'demo';
  /** How Rounds gets this tenant's tokens: the partner's secret, SMART Backend Services, or Microsoft Entra ID. */
  auth: 'partner-secret' | 'smart-backend' | 'entra';
  fhirVersion: FhirVersion;
  resources: Record<string, boolean>;
}

export const CONTEXT_KINDS = ['channel', 'chat', 'meeting', 'personal'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

export const COLUMN_IDS = [
  'name',
  'mrn',
  'age',
  'gender',
  'birthDate',
  'location',
  'encounterStatus',
  'admitted',
  'attending',
  'conditions',
  'vitals',
  'news2',
  'labs',
  'allergies',
  'medications',
  'coverage',
  'generalPractitioner',
  'note',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export const DEFAULT_COLUMNS: ColumnId[] = ['name', 'mrn', 'age', 'location', 'conditions', 'vitals', 'note'];

/**
 * The Teams context a list belongs to. Membership is what decides who sees it: a channel's team (its
 * Microsoft 365 group ID: `team.groupId`, or `channel.ownerGroupId` in private and shared channels), a
 * meeting's chat (`chat.id`), a chat itself; a personal context is its user's alone.
 */
export type ListContext =
  | { kind: 'channel'; id: string; teamId?: string }
  | { kind: 'chat'; id: string }
  | { kind: 'meeting'; id: string; chatId?: string }
  | { kind: 'personal'; id: string };

export interface ManualPatient {
  name: string;
  mrn?: string;
  birthDate?: string;
  gender?: string;
  location?: string;
}

export interface Note {
  text: string;
  author: string;
  updatedAt: string;
}

export interface Entry {
  id: string;
  patientId?: string;
  manual?: ManualPatient;
  display: string;
  /** MRN snapshot taken when the entry was added, so the list stays readable when the EHR is down. */
  mrn?: string;
  note?: Note;
  version: number;
  addedBy: string;
  addedAt: string;
}

export interface ListSort {
  column: ColumnId;
  direction: 'asc' | 'desc';
}

export interface List {
  id: string;
  name: string;
  context: ListContext;
  columns: ColumnId[];
  sort?: ListSort;
  /** Values older than this many hours are greyed (default 24). */
  staleAfterHours?: number;
  version: number;
  entries: Entry[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type ListSummary = Omit<List, 'entries'> & { size: number };

export interface Row extends ClinicalRecord {
  entryId: string;
  patient?: PatientSummary;
  manual?: ManualPatient;
  /** The entry's display snapshot, shown when the EHR cannot be read. */
  display: string;
  /** The entry's MRN snapshot, shown when the EHR cannot be read. */
  mrn?: string;
  note?: Note;
  /** With the `news2` column: the score of the latest vitals. */
  news2?: News2;
  issues: string[];
  /** Column ids whose values changed since this user last marked the row seen (never viewing alone). */
  changes: string[];
  /** With changes: when this user last marked the row seen (or first saw it). */
  seenAt?: string;
}

/** The rows answer's header naming when they were fingerprinted for "what changed"; sent back with Mark as seen. */
export const VIEWED_AT_HEADER = 'Rounds-Viewed-At';

export interface RowsResponse {
  rows: Row[];
  fetchedAt: string;
}

export interface ImportReport {
  list: List;
  /** Entries that could not be matched to an EHR patient and were kept as manual entries. */
  keptAsManual: string[];
  /** Rows naming a patient already imported from an earlier row: merged into that entry (one patient per list). */
  mergedDuplicates?: string[];
}

export interface AuditEvent {
  id: string;
  type: AuditEventType;
  tenantId: string;
  userId: string;
  at: string;
  listId?: string;
  patientId?: string;
  entryId?: string;
  /** The kind of Teams context of the list (or of the refused request, for `access.denied`). */
  contextKind?: ContextKind;
  /** `patient.searched`: the kinds of criteria used (`name`, `mrn`, `birthdate`…), never their values. */
  criteria?: string[];
}

export const AUDIT_EVENT_TYPES = [
  'patient.searched',
  /** The name of `patient.searched` in events written before it was renamed; never written now. */
  'patient.search',
  'patient.viewed',
  'list.viewed',
  'access.denied',
  'entry.added',
  'entry.removed',
  'note.edited',
  'list.created',
  'list.renamed',
  'list.deleted',
  'list.columns-changed',
  'list.exported',
  'list.imported',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface DemoUser {
  /** A ready-to-use demo access token for this user. */
  token?: string;
  userId: string;
  name: string;
  username: string;
  tenantId: string;
  tenantName: string;
  fhirVersion: FhirVersion;
}

/** How membership of channels, chats and meetings is checked (TEAMS_ACCESS_CHECK; `demo` simulates it). */
export type TeamsAccessCheck = 'graph' | 'off' | 'demo';

export interface Health {
  status: 'ok';
  version: string;
  teamsAccessCheck: TeamsAccessCheck;
  /** What an operator should know, in words: e.g. that Teams membership is not checked. */
  warnings?: string[];
}

/** `GET /api/client-config` (open): what the tab needs to choose how to sign in. Nothing secret. */
export interface ClientConfig {
  isDemo: boolean;
  aadClientId?: string;
  /** e.g. api://rounds.example.org/<client id>; the tab asks for `<appIdUri>/access_as_user`. */
  appIdUri?: string;
  authority: string;
  /** How often an open list refreshes its rows by itself while visible (AUTO_REFRESH_SECONDS, default 60). */
  autoRefreshSeconds: number;
}
