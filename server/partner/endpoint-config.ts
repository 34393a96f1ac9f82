// How Rounds reaches one FHIR endpoint and gets its tokens (../shared/spec/api.md, "Additions"): a TENANT_ROUTES_FILE
// entry or the single partner (PARTNER_*), in one of three kinds:
// - partner-secret: the partner contract's client secret and `scope=<tenant id>` (the default);
// - smart-backend: HL7 SMART Backend Services, a JWT signed with our private key (no shared secret);
// - entra: Microsoft Entra ID client credentials for `<FHIR service URL>/.default` (Azure Health Data Services).
// Keys and certificates are read and checked here, once, at start-up; their contents never reach a message.
import type { KeyObject } from 'node:crypto';

export type SigningAlg = 'RS384' | 'ES384';
export const SIGNING_ALGS: readonly SigningAlg[] = ['RS384', 'ES384'];

/** A private key Rounds signs SMART assertions with; its public half is published at /.well-known/jwks.json. */
export interface SigningKey {
  keyId: string;
  alg: SigningAlg;
  privateKey: KeyObject;
}

/** An X.509 certificate registered with an Entra app, with its private key. */
export interface EntraCertificate {
  privateKey: KeyObject;
  /** base64url SHA-1 and SHA-256 thumbprints of the certificate (the `x5t` and `x5t#S256` headers). */
  x5t: string;
  x5tS256: string;
}

export interface PartnerConfig {
  auth?: 'partner-secret';
  fhirUrl: string;
  clientId: string;
  clientSecret: string;
  /** The other secret during a rotation: tried, and kept, when the partner says invalid_client. */
  clientSecretNext?: string;
}

export interface SmartBackendConfig {
  auth: 'smart-backend';
  fhirUrl: string;
  clientId: string;
  /** The key assertions are signed with. */
  key: SigningKey;
  /** Keys published beside it but not used to sign: the next one before a rotation, the previous one after. */
  publishedKeys: SigningKey[];
  /** Requested scopes; default `system/*.read` (`system/*.rs` for a SMART 2 server that speaks only v2 scopes). */
  scope?: string;
}

export interface EntraConfig {
  auth: 'entra';
  fhirUrl: string;
  /** The hospital's Entra tenant, which owns the FHIR service (not necessarily the Teams user's). */
  entraTenantId: string;
  clientId: string;
  clientSecret?: string;
  certificate?: EntraCertificate;
  /** Default `<fhirUrl>/.default`. */
  scope: string;
}

export type EndpointConfig = PartnerConfig | SmartBackendConfig | EntraConfig;

export type AuthKind = NonNullable<EndpointConfig['auth']>;
export const AUTH_KINDS: readonly AuthKind[] = ['partner-secret', 'smart-backend', 'entra'];

export const authKindOf = (config: EndpointConfig): AuthKind => config.auth ?? 'partner-secret';

/** Every key an endpoint signs with or publishes. */
export function keysOf(config: EndpointConfig): SigningKey[] {
  return config.auth === 'smart-backend' ? [config.key, ...config.publishedKeys] : [];
}
