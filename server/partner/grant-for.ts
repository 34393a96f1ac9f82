// The one place that picks how an endpoint's tokens are asked for, from the entry's `auth`.
import type { Logger } from '../logger.js';
import type { EndpointConfig } from './endpoint-config.js';
import { EntraGrant } from './entra-grant.js';
import { PartnerSecretGrant } from './partner-secret-grant.js';
import { SmartBackendGrant } from './smart-backend-grant.js';
import type { TokenGrant } from './token-client.js';

export interface GrantContext {
  logger: Logger;
  /** Who answers, in messages: "The partner", "The organisation's FHIR server". */
  who: string;
  /** Timeout of each discovery and token call. */
  timeoutMs: number;
  /** AAD_AUTHORITY, where Entra tokens come from. */
  authority: string;
}

export function grantFor(config: EndpointConfig, context: GrantContext): TokenGrant {
  switch (config.auth) {
    case 'smart-backend':
      return new SmartBackendGrant({ ...context, config });
    case 'entra':
      return new EntraGrant({ ...context, config });
    default:
      return new PartnerSecretGrant({ ...context, fhirUrl: config.fhirUrl, credentials: config });
  }
}
