// What one run learns as it goes (token URL, token, version, the test patient) and the results so far.
// Checks that need something an earlier check could not get are recorded as skipped, naming what is missing.
import type { FhirVersion } from '../../server/wire/contract.js';
import type { FhirAdapter, FhirResource } from '../../server/fhir/adapters/adapter.js';
import type { HttpOptions } from './http.js';
import type { CheckOptions, CheckResult } from './types.js';

/** `O`: the options of the run's kind of connection; the FHIR checks need only what every kind shares. */
export class Session<O extends CheckOptions = CheckOptions> {
  readonly results: CheckResult[] = [];
  readonly base: string;
  readonly http: HttpOptions;
  tokenUrl?: string;
  token?: string;
  version?: FhirVersion;
  adapter?: FhirAdapter;
  /** Resource types the tenant's statement declares, and whether it declares batch. */
  declaredTypes = new Set<string>();
  hasDeclaredBatch = false;
  patient?: FhirResource;

  constructor(readonly options: O) {
    this.base = options.url.replace(/\/+$/, '');
    this.http = { timeoutMs: options.timeoutMs ?? 15_000 };
  }

  pass(id: string, name: string, note?: string): void {
    this.results.push({ id, name, status: 'pass', ...(note ? { reason: note } : {}) });
  }

  fail(id: string, name: string, reason: string): void {
    this.results.push({ id, name, status: 'fail', reason });
  }

  warn(id: string, name: string, reason: string): void {
    this.results.push({ id, name, status: 'warn', reason });
  }

  skip(id: string, name: string, reason: string): void {
    this.results.push({ id, name, status: 'skip', reason });
  }
}
