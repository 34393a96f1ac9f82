// Builds the lists feature's services over one store, so app.ts wires them in one line.
import type { Ehr } from '../fhir/ehr.js';
import type { ListStore } from './list-store.js';
import { StoreAuditLog, type AuditTrail } from './audit.js';
import { ListService } from './lists.js';
import { EntryService } from './entries.js';
import { RowService } from './rows.js';
import { ImportService } from './import.js';

export interface ListServices {
  lists: ListService;
  entries: EntryService;
  rows: RowService;
  imports: ImportService;
  audit: AuditTrail;
}

export function createListServices(deps: { store: ListStore; audit?: AuditTrail; ehr?: Ehr; now?: () => Date }): ListServices {
  const { store, ehr, now } = deps;
  const audit = deps.audit ?? new StoreAuditLog(store, now);
  const lists = new ListService({ store, audit, now });
  return {
    lists,
    entries: new EntryService({ store, audit, lists, ehr, now }),
    rows: new RowService(ehr, now),
    imports: new ImportService({ lists, audit, ehr, now }),
    audit,
  };
}
