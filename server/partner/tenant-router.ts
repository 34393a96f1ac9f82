// Every tenant goes through the partner's one endpoint, unless TENANT_ROUTES_FILE gives it its own
// (partner-interface.md §2). Each endpoint gets its tokens its own way (grant-for.ts), cached alike.
import { LRUCache } from 'lru-cache';
import type { Connection } from '../wire/contract.js';
import { authKindOf, type EndpointConfig } from './endpoint-config.js';
import { notConfigured } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FhirEndpoint, TenantRouter } from './fhir-endpoint.js';
import type { TenantRoutes } from './tenant-routes-file.js';
import { TokenClient } from './token-client.js';
import { grantFor } from './grant-for.js';
import type { SharedTokens } from './shared-tokens.js';
import { whoServes } from './upstream.js';

export interface PartnerRouterOptions {
  /** The partner (PARTNER_FHIR_URL …), or the embedded demo partner in demo mode. */
  partner?: EndpointConfig;
  /** 'demo' when the partner is the embedded demo partner. */
  partnerMode: 'partner' | 'demo';
  routes?: TenantRoutes;
  logger: Logger;
  /** Timeout of each discovery and token call. */
  timeoutMs?: number;
  /** Tokens shared with the other instances (REDIS_URL). */
  shared?: SharedTokens;
  /** AAD_AUTHORITY, for endpoints behind Microsoft Entra ID. */
  authority?: string;
}

interface Target {
  config: EndpointConfig;
  mode: Connection['mode'];
  tokens: TokenClient;
}

export const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;

export class PartnerRouter implements TenantRouter {
  private readonly partner?: Target;
  private readonly direct = new Map<string, Target>();
  /** Made on first use per tenant; the least recently used are forgotten. */
  private readonly endpoints = new LRUCache<string, FhirEndpoint>({ max: 10_000 });

  constructor(options: PartnerRouterOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    const make = (config: EndpointConfig, mode: Connection['mode']): Target => ({
      config,
      mode,
      tokens: new TokenClient({
        grant: grantFor(config, {
          logger: options.logger,
          who: whoServes(mode),
          timeoutMs,
          authority: options.authority ?? 'https://login.microsoftonline.com',
        }),
        timeoutMs,
        shared: options.shared,
      }),
    });
    if (options.partner) this.partner = make(options.partner, options.partnerMode);
    for (const [tenantId, config] of options.routes ?? [])
      this.direct.set(tenantId.toLowerCase(), make(config, 'direct'));
  }

  endpointFor(tenantId: string): FhirEndpoint {
    const key = tenantId.toLowerCase();
    const known = this.endpoints.get(key);
    if (known) return known;
    const target = this.direct.get(key) ?? this.partner;
    if (!target) throw notConfigured('No FHIR endpoint is configured for your organisation (tenant)');
    const endpoint: FhirEndpoint = {
      tenantId: key,
      baseUrl: target.config.fhirUrl,
      mode: target.mode,
      auth: authKindOf(target.config),
      getToken: () => target.tokens.getToken(key),
      invalidateToken: (token) => target.tokens.invalidate(key, token),
    };
    this.endpoints.set(key, endpoint);
    return endpoint;
  }
}
