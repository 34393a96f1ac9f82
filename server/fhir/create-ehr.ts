// Builds the EHR side from the parsed config: the partner router (partner, demo partner or direct routes),
// one FHIR transport for the process, the shared read cache, and the EhrService over them. bootstrap.ts and
// the API tests both build it here.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { PartnerRouter } from '../partner/tenant-router.js';
import type { TenantRoutes } from '../partner/tenant-routes-file.js';
import { adapterFor } from './adapters/adapter-for.js';
import { EhrService } from './ehr-service.js';
import { ReadCache } from './read-cache.js';
import { FhirTransport } from './transport.js';
import type { SharedTokens } from '../partner/shared-tokens.js';

export interface EhrTuning {
  /** Timeout of each discovery and token call (default 10 s). */
  tokenTimeoutMs?: number;
  /** Deadline of each FHIR call (default FHIR_TIMEOUT_MS). */
  fhirTimeoutMs?: number;
}

export function createEhr(
  config: Config,
  routes: TenantRoutes,
  logger: Logger,
  tuning: EhrTuning = {},
  sharedTokens?: SharedTokens,
): EhrService {
  const router = new PartnerRouter({
    partner: config.partner,
    partnerMode: config.isDemo ? 'demo' : 'partner',
    routes,
    logger,
    timeoutMs: tuning.tokenTimeoutMs,
    shared: sharedTokens,
    authority: config.aad.authority,
  });
  const { fhir } = config;
  const transport = new FhirTransport({ maxResponseBytes: fhir.maxResponseBytes });
  const cache = new ReadCache({ ttlMs: fhir.cacheSeconds * 1000, maxBytes: fhir.cacheBytes });
  return new EhrService({
    router,
    adapterFor,
    client: { transport, timeoutMs: tuning.fhirTimeoutMs ?? fhir.timeoutMs, maxConcurrency: fhir.maxConcurrency },
    batchSize: fhir.batchSize,
    labCodes: config.labCodes,
    cache,
    onClose: async () => {
      cache.clear();
      await transport.close();
    },
  });
}
