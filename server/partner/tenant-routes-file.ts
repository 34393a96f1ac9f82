// TENANT_ROUTES_FILE: tenants served by their own FHIR endpoint rather than by the partner, read and validated
// once at start-up. Shape: { "<tenant GUID>": <endpoint entry> }, each entry of one kind (endpoint-parse.ts):
// partner-secret (the default), smart-backend or entra. Relative key and certificate paths start at the file.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, GUID } from '../config.js';
import type { EndpointConfig } from './endpoint-config.js';
import { parseEndpoint } from './endpoint-parse.js';

export type TenantRoutes = ReadonlyMap<string, EndpointConfig>;

export interface RoutesContext {
  /** Where relative paths start (the routes file's folder). */
  baseDir: string;
  /** Where `privateKeyEnv` names its variable. */
  env: NodeJS.ProcessEnv;
}

/** Validates parsed JSON; throws one ConfigError naming every bad field (never a secret's or a key's value). */
export function parseTenantRoutes(json: unknown, context: RoutesContext = { baseDir: process.cwd(), env: process.env }): TenantRoutes {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ConfigError(['TENANT_ROUTES_FILE: must be a JSON object of tenant id → route']);
  const problems: string[] = [];
  const routes = new Map<string, EndpointConfig>();
  for (const [tenantId, value] of Object.entries(json)) {
    const name = tenantId.slice(0, 64);
    if (!GUID.test(tenantId)) problems.push(`TENANT_ROUTES_FILE: ${name}: tenant ids must be GUIDs`);
    const field = (path: string): string => `TENANT_ROUTES_FILE: ${name}.${path}`;
    const endpoint = parseEndpoint(value, { field, ...context }, problems);
    if (endpoint) routes.set(tenantId.toLowerCase(), endpoint);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return routes;
}

export function loadTenantRoutes(path: string, env: NodeJS.ProcessEnv = process.env): TenantRoutes {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new ConfigError([`TENANT_ROUTES_FILE: ${path} ${why}`]);
  }
  return parseTenantRoutes(json, { baseDir: dirname(path), env });
}
