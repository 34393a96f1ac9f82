// Every tenant goes through the partner's one endpoint, unless TENANT_ROUTES_FILE gives it its own
// (partner-interface.md §2). Both kinds get tokens through the same client-credentials flow.
import { LRUCache } from 'lru-cache';
import type { Connection } from '../wire/contract.js';
import type { PartnerConfig } from '../config.js';
import { notConfigured } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FhirEndpoint, TenantRouter } from './fhir-endpoint.js';
import type { TenantRoutes } from './tenant-routes-file.js';
import type { TokenClient } from './token-client.js';
import { partnerTokenClient } from './partner-secret-grant.js';
import type { SharedTokens } from './shared-tokens.js';
import { whoServes } from './upstream.js';

export interface PartnerRouterOptions {
  /** The partner (PARTNER_FHIR_URL …), or the embedded demo partner in demo mode. */
  partner?: PartnerConfig;
  /** 'demo' when the partner is the embedded demo partner. */
  partnerMode: 'partner' | 'demo';
  routes?: TenantRoutes;
  logger: Logger;
  /** Timeout of each discovery and token call. */
  timeoutMs?: number;
  /** Tokens shared with the other instances (REDIS_URL). */
  shared?: SharedTokens;
}

interface Target {
  config: PartnerConfig;
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
    const make = (config: PartnerConfig, mode: Connection['mode']): Target => ({
      config,
      mode,
      tokens: partnerTokenClient({
        fhirUrl: config.fhirUrl,
        credentials: config,
        logger: options.logger,
        who: whoServes(mode),
        timeoutMs: options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
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
      getToken: () => target.tokens.getToken(key),
      invalidateToken: (token) => target.tokens.invalidate(key, token),
    };
    this.endpoints.set(key, endpoint);
    return endpoint;
  }
}
