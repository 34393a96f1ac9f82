// Prometheus metrics (prom-client), one registry for the process, served at /metrics to METRICS_ALLOW.
// Labels never hold PHI: routes are templates, tenants are hashed, outcomes are words.
import { createHash } from 'node:crypto';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
// Process metrics, event-loop lag (nodejs_eventloop_lag_*) and GC among them.
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

export const httpDuration = new Histogram({
  name: 'rounds_http_request_duration_seconds',
  help: 'HTTP requests by route template, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const fhirDuration = new Histogram({
  name: 'rounds_fhir_request_duration_seconds',
  help: 'FHIR requests by tenant (hashed) and outcome (ok, http_<status>, timeout, unreachable, error)',
  labelNames: ['tenant', 'outcome'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
  registers: [registry],
});

export const tokenRequests = new Counter({
  name: 'rounds_token_requests_total',
  help: 'Token requests to the partner or FHIR server, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const cacheLookups = new Counter({
  name: 'rounds_fhir_cache_lookups_total',
  help: 'FHIR read cache lookups, by result (hit: a kept or in-flight answer; miss: sent to the EHR)',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const rateLimitRefusals = new Counter({
  name: 'rounds_rate_limit_refusals_total',
  help: 'Requests refused with 429 by the per-user rate limit',
  registers: [registry],
});

export const storeDuration = new Histogram({
  name: 'rounds_store_query_duration_seconds',
  help: 'List store operations by name and outcome',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  registers: [registry],
});

/** A tenant as a metrics label: 12 hex characters of its SHA-256, never the ID itself. */
export function tenantLabel(tenantId: string): string {
  return createHash('sha256').update(tenantId.toLowerCase()).digest('hex').slice(0, 12);
}
