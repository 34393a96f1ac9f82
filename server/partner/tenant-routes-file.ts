// TENANT_ROUTES_FILE: tenants served by their own FHIR endpoint rather than by the partner, read and
// validated once at start-up. Shape: { "<tenant GUID>": { fhirUrl, clientId, clientSecret, clientSecretNext? } }.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, GUID, secureUrl, type PartnerConfig } from '../config.js';

const route = z
  .object({
    fhirUrl: secureUrl,
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    clientSecretNext: z.string().min(1).optional(),
  })
  .strict();

export type TenantRoutes = ReadonlyMap<string, PartnerConfig>;

/** Validates parsed JSON; throws one ConfigError naming every bad entry (never a secret's value). */
export function parseTenantRoutes(json: unknown): TenantRoutes {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ConfigError(['TENANT_ROUTES_FILE: must be a JSON object of tenant id → route']);
  const problems: string[] = [];
  const routes = new Map<string, PartnerConfig>();
  for (const [tenantId, value] of Object.entries(json)) {
    if (!GUID.test(tenantId)) problems.push(`TENANT_ROUTES_FILE: ${tenantId.slice(0, 64)}: tenant ids must be GUIDs`);
    const parsed = route.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`TENANT_ROUTES_FILE: ${[tenantId.slice(0, 64), ...issue.path].join('.')}: ${issue.message}`);
    } else routes.set(tenantId.toLowerCase(), parsed.data);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return routes;
}

export function loadTenantRoutes(path: string): TenantRoutes {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new ConfigError([`TENANT_ROUTES_FILE: ${path} ${why}`]);
  }
  return parseTenantRoutes(json);
}
