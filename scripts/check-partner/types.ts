// The checker's inputs and outputs. Each check has a stable id (tests and scripts match on it), a short
// name for the table and, when it did not pass, the reason in words an admin can act on.
import type { SigningKey } from '../../server/partner/endpoint-config.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  id: string;
  name: string;
  status: CheckStatus;
  /** Why it failed, warned or was skipped; a short note on a pass. Never a secret, a token or PHI. */
  reason?: string;
}

/** What every kind of connection shares: where the FHIR server is, and which patient to check against. */
interface CommonOptions {
  /** The single FHIR endpoint (its base URL). */
  url: string;
  clientId: string;
  /** A test patient to check against; else one is found by `family`, else by a plain `_count` search. */
  patientId?: string;
  family?: string;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

/** The partner contract (partner-interface.md §1): a client secret and `scope=<tenant>`. The default. */
export interface PartnerSecretCheckOptions extends CommonOptions {
  auth?: 'partner-secret';
  /** From PARTNER_CLIENT_SECRET; never printed. */
  clientSecret: string;
  /** The Azure AD tenant ID to ask a token for (`scope=<tenant>`): a tenant the partner maps to a test server. */
  tenant: string;
}

/** A hospital's own server, reached with HL7 SMART Backend Services (a JWT signed with our key). */
export interface SmartBackendCheckOptions extends CommonOptions {
  auth: 'smart-backend';
  /** Signs the client assertions; never printed. */
  key: SigningKey;
  /** Default: what the server's smart-configuration implies (`system/*.read`, or `system/*.rs` for SMART 2 only). */
  scope?: string;
}

/** A FHIR service behind Microsoft Entra ID (Azure Health Data Services): client credentials in the hospital's tenant. */
export interface EntraCheckOptions extends CommonOptions {
  auth: 'entra';
  /** The hospital's Entra tenant, which owns the FHIR service. */
  entraTenantId: string;
  /** From ENTRA_CLIENT_SECRET; never printed. */
  clientSecret: string;
  /** Default `<url>/.default`. */
  scope?: string;
  /** AAD_AUTHORITY: https://login.microsoftonline.com, or a loopback fake in tests. */
  authority: string;
}

export type CheckOptions = PartnerSecretCheckOptions | SmartBackendCheckOptions | EntraCheckOptions;
