// runConformanceChecks: every check of a partner against partner-interface.md, in order, over real HTTP.
// Later checks use what earlier ones learned (token URL, token, FHIR version, test patient) and are skipped,
// naming what is missing, when an earlier one failed.
import { checkBatch } from './batch-checks.js';
import { checkFhirVersion, checkOpenMetadata, checkTokenUrl } from './metadata-checks.js';
import { checkPatientFields, checkPatientIdList, checkRequiresToken, findTestPatient } from './patient-checks.js';
import { checkPatientScopedSearches } from './scoped-checks.js';
import { checkPatientSearches } from './search-checks.js';
import { Session } from './session.js';
import { checkTokenGrant, checkWrongSecret } from './token-checks.js';
import type { CheckOptions, CheckResult } from './types.js';

export type { CheckOptions, CheckResult, CheckStatus } from './types.js';

/** Replaces every occurrence of a secret (the client secret, the access token) in the reasons. */
function redact(results: CheckResult[], secrets: (string | undefined)[]): CheckResult[] {
  const hidden = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
  return results.map((result) =>
    result.reason === undefined
      ? result
      : { ...result, reason: hidden.reduce((text, secret) => text.split(secret).join('[redacted]'), result.reason) },
  );
}

export async function runConformanceChecks(options: CheckOptions): Promise<CheckResult[]> {
  const s = new Session(options);
  const openStatement = await checkOpenMetadata(s);
  await checkTokenUrl(s, openStatement);
  await checkTokenGrant(s);
  await checkWrongSecret(s);
  await checkFhirVersion(s, openStatement);
  await findTestPatient(s);
  await checkRequiresToken(s);
  checkPatientFields(s);
  await checkPatientIdList(s);
  await checkPatientSearches(s);
  await checkPatientScopedSearches(s);
  await checkBatch(s);
  return redact(s.results, [options.clientSecret, s.token]);
}

export function hasFailures(results: CheckResult[]): boolean {
  return results.some((result) => result.status === 'fail');
}
