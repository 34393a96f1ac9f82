// runConformanceChecks: every check of a FHIR endpoint, in order, over real HTTP. First how the connection gets
// its token, which depends on its kind (partner-secret: partner-interface.md §1; smart-backend: SMART Backend
// Services; entra: Microsoft Entra ID), then the same FHIR checks for all three with that token. Later checks use
// what earlier ones learned (token, FHIR version, test patient) and are skipped, naming what is missing, when an
// earlier one failed.
import { checkBatch } from './batch-checks.js';
import { checkEntraToken, checkEntraWrongSecret } from './entra-checks.js';
import { checkFhirVersion, checkOpenMetadata, checkTokenUrl } from './metadata-checks.js';
import { checkPatientFields, checkPatientIdList, checkRequiresToken, findTestPatient } from './patient-checks.js';
import { redact, secretsOf } from './redact.js';
import { checkPatientScopedSearches } from './scoped-checks.js';
import { checkPatientSearches } from './search-checks.js';
import { Session } from './session.js';
import { checkAssertionAccepted, checkSmartConfiguration, checkWrongKeyRefused } from './smart-checks.js';
import { checkTokenGrant, checkWrongSecret } from './token-checks.js';
import type { CheckOptions, CheckResult, EntraCheckOptions, PartnerSecretCheckOptions, SmartBackendCheckOptions } from './types.js';

export type { CheckOptions, CheckResult, CheckStatus } from './types.js';

/** The partner contract: open metadata naming the token URL, a token for `scope=<tenant>`, a wrong secret refused. */
async function checkPartnerSecret(s: Session<PartnerSecretCheckOptions>): Promise<unknown> {
  const openStatement = await checkOpenMetadata(s);
  await checkTokenUrl(s, openStatement);
  await checkTokenGrant(s);
  await checkWrongSecret(s);
  return openStatement;
}

/** SMART Backend Services: the token endpoint from smart-configuration, our assertion accepted, another key's refused. */
async function checkSmartBackend(s: Session<SmartBackendCheckOptions>): Promise<void> {
  const server = await checkSmartConfiguration(s);
  await checkAssertionAccepted(s, server);
  await checkWrongKeyRefused(s, server);
}

async function checkEntra(s: Session<EntraCheckOptions>): Promise<void> {
  await checkEntraToken(s);
  await checkEntraWrongSecret(s);
}

/**
 * The FHIR checks every kind shares, with the session's token. `openStatement`: the metadata read without a token,
 * which only the partner contract asks for; the others read it with the token.
 */
async function checkFhir(s: Session, openStatement: unknown): Promise<void> {
  await checkFhirVersion(s, openStatement);
  await findTestPatient(s);
  await checkRequiresToken(s);
  checkPatientFields(s);
  await checkPatientIdList(s);
  await checkPatientSearches(s);
  await checkPatientScopedSearches(s);
  await checkBatch(s);
}

export async function runConformanceChecks(options: CheckOptions): Promise<CheckResult[]> {
  let s: Session;
  let openStatement: unknown;
  switch (options.auth) {
    case 'smart-backend': {
      const smart = new Session(options);
      await checkSmartBackend(smart);
      s = smart;
      break;
    }
    case 'entra': {
      const entra = new Session(options);
      await checkEntra(entra);
      s = entra;
      break;
    }
    default: {
      const partner = new Session(options);
      openStatement = await checkPartnerSecret(partner);
      s = partner;
    }
  }
  await checkFhir(s, openStatement);
  return redact(s.results, secretsOf(options, s.token));
}

export function hasFailures(results: CheckResult[]): boolean {
  return results.some((result) => result.status === 'fail');
}
