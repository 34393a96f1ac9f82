// Coverage → CoverageSummary. Each version names the payor, plan, group and subscriber id differently
// (DSTU2 `issuer`/`plan`/`group`, STU3 `grouping`, R4 `class[]`); the version adapters pick them.
import type { CoverageSummary } from '../../wire/contract.js';
import { asRecord, asString, compact, records, type Json } from './json.js';
import { period } from './read-common.js';

export interface CoverageFields {
  payor: string | undefined;
  plan: string | undefined;
  group: string | undefined;
  subscriberId: string | undefined;
}

export function readCoverage(resource: Json, fields: CoverageFields): CoverageSummary {
  return compact<CoverageSummary>({ ...fields, period: period(resource['period']) });
}

/** A payor shown by its display, else by its identifier (CMS Blue Button sends only the identifier). */
export function payorName(references: unknown): string | undefined {
  for (const reference of records(references)) {
    const name = asString(reference['display']) ?? asString(asRecord(reference['identifier'])?.['value']);
    if (name) return name.trim();
  }
  return undefined;
}
