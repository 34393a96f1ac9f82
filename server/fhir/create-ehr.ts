// Builds the EHR side from the parsed config: the partner router (partner, demo partner or direct routes)
// and the EhrService over it. bootstrap.ts and the API tests both build it here.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { PartnerRouter } from '../partner/tenant-router.js';
import type { TenantRoutes } from '../partner/tenant-routes-file.js';
import { adapterFor } from './adapters/adapter-for.js';
import { EhrService } from './ehr-service.js';

export interface EhrTuning {
  /** Timeout of each discovery and token call (default 10 s). */
  tokenTimeoutMs?: number;
  /** Timeout of each FHIR call (default 15 s). */
  fhirTimeoutMs?: number;
}

export function createEhr(config: Config, routes: TenantRoutes, logger: Logger, tuning: EhrTuning = {}): EhrService {
  const router = new PartnerRouter({
    partner: config.partner,
    partnerMode: config.isDemo ? 'demo' : 'partner',
    routes,
    logger,
    timeoutMs: tuning.tokenTimeoutMs,
  });
  return new EhrService({ router, adapterFor, timeoutMs: tuning.fhirTimeoutMs });
}
