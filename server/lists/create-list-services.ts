// Builds the lists feature's services over one store, so app.ts wires them in one line.
import type { Ehr } from '../fhir/ehr.js';
import type { ListStore } from './list-store.js';
import { AuditTrail, StoreAuditLog, type AuditLog } from './audit.js';
import type { Membership } from '../teams/membership.js';
import { ContextAccess } from './access.js';
import { ListService } from './list-service.js';
import { EntryService } from './entries.js';
import { RowService } from './rows.js';
import { ImportService } from './import.js';
import { ExportService } from './export-service.js';
import { ListRowsService } from './list-rows-service.js';
import { RowChanges } from './row-changes.js';

export interface ListServices {
  lists: ListService;
  entries: EntryService;
  rows: RowService;
  /** What changed in each row since each user last marked it seen. */
  changes: RowChanges;
  imports: ImportService;
  exports: ExportService;
  /** A list's rows for one user, and marking them seen. */
  listRows: ListRowsService;
  audit: AuditTrail;
  /** The log other features (patient search and detail) record their events in. */
  auditLog: AuditLog;
}

export interface ListServicesDeps {
  store: ListStore;
  /** Who is in a channel's, chat's or meeting's roster; absent when TEAMS_ACCESS_CHECK=off. */
  membership?: Membership;
  ehr?: Ehr;
  now?: () => Date;
}

export function createListServices(deps: ListServicesDeps): ListServices {
  const { store, ehr, now } = deps;
  const auditLog = new StoreAuditLog(store, now);
  const access = new ContextAccess({ membership: deps.membership, audit: auditLog });
  const lists = new ListService({ store, audit: auditLog, access, now });
  const rows = new RowService(ehr, now);
  const changes = new RowChanges(store, now);
  return {
    lists,
    entries: new EntryService({ store, audit: auditLog, lists, changes, ehr, now }),
    rows,
    changes,
    imports: new ImportService({ lists, ehr, now }),
    exports: new ExportService(lists, rows, now),
    listRows: new ListRowsService(lists, rows, changes),
    audit: new AuditTrail(store, access),
    auditLog,
  };
}
