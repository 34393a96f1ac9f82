// The checker's inputs and outputs. Each check has a stable id (tests and scripts match on it), a short
// name for the table and, when it did not pass, the reason in words an admin can act on.

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  id: string;
  name: string;
  status: CheckStatus;
  /** Why it failed, warned or was skipped; a short note on a pass. Never a secret, a token or PHI. */
  reason?: string;
}

export interface CheckOptions {
  /** The partner's single FHIR endpoint (its base URL). */
  url: string;
  clientId: string;
  /** From PARTNER_CLIENT_SECRET; never printed. */
  clientSecret: string;
  /** The Azure AD tenant ID to ask a token for (`scope=<tenant>`): a tenant the partner maps to a test server. */
  tenant: string;
  /** A test patient to check against; else one is found by `family`, else by a plain `_count` search. */
  patientId?: string;
  family?: string;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}
