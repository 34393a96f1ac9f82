// GET /lists/:id/export: the list as CSV (its rows read live from the EHR, in the list's sort and the tab's
// language) or as a FHIR List resource, and the export recorded in the audit trail.
import type { User } from '../auth/user.js';
import type { List } from '../wire/contract.js';
import { exportColumns, listToCsv } from './export-csv.js';
import type { ExportLanguage } from './export-labels.js';
import { listToFhir } from './fhir-list.js';
import type { ListService } from './list-service.js';
import type { RowService } from './rows.js';

export interface ListExport {
  fileName: string;
  contentType: string;
  body: string;
}

/** A file name made of the list's name: letters, digits, spaces, dots, dashes and underscores only. */
function fileNameOf(list: List, extension: string): string {
  const base = list.name.replace(/[^\p{L}\p{N} ._-]/gu, '_').trim() || 'list';
  return `${base}.${extension}`;
}

export class ExportService {
  constructor(
    private readonly lists: ListService,
    private readonly rows: RowService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async export(user: User, listId: string, format: 'csv' | 'fhir', language: ExportLanguage): Promise<ListExport> {
    const list = await this.lists.get(user, listId);
    const exported: ListExport =
      format === 'fhir'
        ? { fileName: fileNameOf(list, 'fhir.json'), contentType: 'application/fhir+json', body: JSON.stringify(listToFhir(list), null, 2) }
        : {
            fileName: fileNameOf(list, 'csv'),
            contentType: 'text/csv; charset=utf-8',
            body: listToCsv(list, await this.rows.forList(user.tenantId, list, { columns: exportColumns(list) }), this.now(), language),
          };
    await this.lists.recordExport(user, list);
    return exported;
  }
}
