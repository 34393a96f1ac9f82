// Checks on the claims of an Azure AD access token that jose cannot do alone: the issuer depends on the
// token's own `tid` (learn.microsoft.com/entra/identity-platform/access-tokens#validate-the-issuer).
import type { JWTPayload } from 'jose';
import { GUID } from '../config.js';
import { forbidden, unauthorized } from '../errors.js';
import type { User } from './user.js';

export const PUBLIC_CLOUD_AUTHORITY = 'https://login.microsoftonline.com';
export const REQUIRED_SCOPE = 'access_as_user';

const GUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export interface ClaimRules {
  /** Issuer base without a trailing slash, e.g. https://login.microsoftonline.com */
  authority: string;
  /** Lower-case tenant ids; `undefined` allows every tenant. */
  allowedTenants?: readonly string[];
}

/** The issuers a token of tenant `tid` may carry: v2 always, v1 (sts.windows.net) for the public cloud only. */
export function expectedIssuers(authority: string, tid: string): string[] {
  const issuers = [`${authority}/${tid}/v2.0`];
  if (authority === PUBLIC_CLOUD_AUTHORITY) issuers.push(`https://sts.windows.net/${tid}/`);
  return issuers;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Checks tid, issuer, scope and the tenant allow-list of a token whose signature and audience are verified. */
export function userFromClaims(payload: JWTPayload, rules: ClaimRules): User {
  const tid = text(payload.tid);
  if (!tid || !GUID.test(tid)) throw unauthorized('The token has no tenant (tid claim that is a GUID)');

  const iss = text(payload.iss) ?? '';
  if (!expectedIssuers(rules.authority, tid).includes(iss)) {
    const issuerTenant = GUID_ANYWHERE.exec(iss)?.[0];
    if (issuerTenant && issuerTenant.toLowerCase() !== tid.toLowerCase())
      throw unauthorized('The token was issued by another tenant than the one in its tid claim');
    throw unauthorized(`The token was not issued by Azure AD at ${rules.authority}`);
  }

  const scopes = (text(payload.scp) ?? '').split(' ');
  if (!scopes.includes(REQUIRED_SCOPE)) throw unauthorized(`The token lacks the ${REQUIRED_SCOPE} scope`);

  const oid = text(payload.oid);
  if (!oid) throw unauthorized('The token has no user (oid claim)');

  const tenantId = tid.toLowerCase();
  if (rules.allowedTenants && !rules.allowedTenants.includes(tenantId))
    throw forbidden('Your organisation (Azure AD tenant) is not allowed to use Rounds');

  const username = text(payload.preferred_username) ?? text(payload.upn) ?? text(payload.unique_name) ?? '';
  return { tenantId, userId: oid, name: text(payload.name) ?? (username || oid), username, isDemo: false };
}
