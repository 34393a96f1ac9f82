// Configuration: parsed once from the environment by one schema (../shared/spec/api.md, "Configuration").
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import type { TeamsAccessCheck } from './wire/contract.js';
import { GUID, secureUrl } from './config-rules.js';
import type { EndpointConfig } from './partner/endpoint-config.js';
import { parseEndpoint } from './partner/endpoint-parse.js';
import { DEFAULT_LAB_CODES, isLoincCode } from './clinical/lab-ranges.js';

export { GUID, isLoopbackUrl, secureUrl } from './config-rules.js';
export type { EndpointConfig, PartnerConfig } from './partner/endpoint-config.js';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** The labs column asks for these codes in one search per patient: a bound keeps that URL short. */
const MAX_LAB_CODES = 30;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: z
    .string()
    .url()
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  AAD_CLIENT_ID: z.string().regex(GUID, 'must be a GUID').optional(),
  AAD_APP_ID_URI: z.string().min(1).optional(),
  AAD_AUTHORITY: secureUrl.default('https://login.microsoftonline.com'),
  AAD_ALLOWED_TENANTS: z
    .string()
    .default('*')
    .refine(
      (v) => v.trim() === '*' || v.split(',').every((t) => GUID.test(t.trim())),
      'must be * or a comma-separated list of tenant GUIDs',
    ),
  PARTNER_FHIR_URL: secureUrl.optional(),
  PARTNER_CLIENT_ID: z.string().min(1).optional(),
  PARTNER_CLIENT_SECRET: z.string().min(1).optional(),
  PARTNER_CLIENT_SECRET_NEXT: z.string().min(1).optional(),
  TENANT_ROUTES_FILE: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:data/rounds.db'),
  DEMO: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FHIR_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  FHIR_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
  FHIR_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  FHIR_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  FHIR_CACHE_MB: z.coerce.number().min(1).max(4096).default(64),
  FHIR_MAX_RESPONSE_MB: z.coerce.number().min(1).max(1024).default(20),
  TEAMS_ACCESS_CHECK: z.enum(['graph', 'off'], { error: 'must be graph or off' }).optional(),
  AAD_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_URL: secureUrl.default('https://graph.microsoft.com'),
  ACCESS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
  TOKEN_CACHE_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  METRICS_ALLOW: z
    .string()
    .default('loopback')
    .refine(isAddressList, 'must be a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal'),
  DATABASE_SSL: z.enum(['require', 'verify-full'], { error: 'must be require or verify-full' }).optional(),
  DATABASE_SSL_CA: z.string().min(1).optional(),
  AUTO_REFRESH_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  LAB_CODES: z
    .string()
    .transform((value, ctx) => {
      const codes = [...new Set(addressList(value))];
      const bad = codes.filter((code) => !isLoincCode(code));
      if (codes.length === 0 || codes.length > MAX_LAB_CODES || bad.length > 0)
        ctx.addIssue({
          code: 'custom',
          message:
            bad.length > 0
              ? `must be comma-separated LOINC codes like 2823-3; not a LOINC code (or a wrong check digit): ${bad.slice(0, 5).join(', ')}`
              : `must name from 1 to ${MAX_LAB_CODES} LOINC codes`,
        });
      return codes;
    })
    .optional(),
});

/** Addresses in proxy-addr's syntax (the one Express's `trust proxy` takes): IPs, CIDR ranges and named ranges. */
function isAddressList(value: string): boolean {
  try {
    proxyAddr.compile(addressList(value));
    return true;
  } catch {
    return false;
  }
}

export function addressList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** How long a "no" from a roster is kept: short, so a clinician just added to a team gets in quickly. */
export const DENIED_CACHE_SECONDS = 60;

/** How Rounds talks to FHIR servers (FHIR_* variables, ../shared/spec/api.md "Additions"). */
export interface FhirTuning {
  /** Deadline of one FHIR call, queueing and retries included. */
  timeoutMs: number;
  /** Calls in flight per tenant; more wait in a queue. */
  maxConcurrency: number;
  /** Entries per batch Bundle. */
  batchSize: number;
  /** Life of a shared read; 0 turns the read cache off. */
  cacheSeconds: number;
  /** Memory bound of the read cache, in bytes of FHIR JSON. */
  cacheBytes: number;
  /** Largest FHIR answer read, in bytes. */
  maxResponseBytes: number;
}

const MB = 1024 * 1024;

export interface Config {
  isProduction: boolean;
  isDemo: boolean;
  port: number;
  host: string;
  publicUrl: string;
  aad: {
    clientId?: string;
    /** The app's own secret, for the on-behalf-of exchange that asks Graph about membership. */
    clientSecret?: string;
    appIdUri?: string;
    authority: string;
    /** `undefined` means every tenant. */
    allowedTenants?: string[];
  };
  /** The single partner (PARTNER_*), of any connection kind. */
  partner?: EndpointConfig;
  teams: {
    /** `graph` (the default outside demo mode), `off`, or `demo` (the demo's simulated teams and chats). */
    accessCheck: TeamsAccessCheck;
    graphUrl: string;
    /** Life of a "yes" membership answer, in seconds (a "no" lives DENIED_CACHE_SECONDS). */
    accessCacheSeconds: number;
  };
  tenantRoutesFile?: string;
  databaseUrl: string;
  /** DATABASE_SSL: TLS to PostgreSQL; `verify-full` checks the server's certificate (against DATABASE_SSL_CA). */
  databaseSsl?: { mode: 'require' | 'verify-full'; caFile?: string };
  /** REDIS_URL and the AES-GCM key of the tokens kept there; absent: everything stays in this process. */
  redis?: { url: string; tokenKey: Buffer };
  /** Who may read /metrics (METRICS_ALLOW, proxy-addr syntax). */
  metricsAllow: string[];
  logLevel: string;
  /** How often an open list refreshes its rows by itself (the tab reads it from /api/client-config). */
  autoRefreshSeconds: number;
  fhir: FhirTuning;
  /** LAB_CODES: the LOINC codes of the labs column, in the order it shows them. */
  labCodes: readonly string[];
}

/**
 * The App ID URI that Teams SSO and MSAL ask tokens for, and that v1 tokens carry as their audience:
 * AAD_APP_ID_URI, else api://<public host>/<client id>.
 */
export function appIdUriOf(config: Config): string | undefined {
  if (config.aad.appIdUri) return config.aad.appIdUri;
  if (!config.aad.clientId) return undefined;
  return `api://${new URL(config.publicUrl).host}/${config.aad.clientId}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /**
   * false for a tool that serves no request (the Teams package): neither the partner nor the Graph secret
   * is required.
   */
  servesRequests?: boolean;
}

/**
 * What one variable requires of another, read from the environment as written, so that these are named
 * together with the variables whose format is wrong (not only once those are fixed).
 */
function requirementProblems(raw: Record<string, string | undefined>, options: LoadOptions): string[] {
  const problems: string[] = [];
  const isProduction = raw.NODE_ENV === 'production';
  const demoFlag = raw.DEMO === '1' || raw.DEMO === 'true' ? true : raw.DEMO === '0' || raw.DEMO === 'false' ? false : undefined;
  // Production never falls into demo mode by itself: what it lacks is named instead.
  const isDemo = demoFlag ?? (!isProduction && !raw.AAD_CLIENT_ID && !raw.PARTNER_FHIR_URL);
  if (isDemo && isProduction) problems.push('DEMO: demo mode is refused when NODE_ENV=production');
  if (!isDemo) {
    if (!raw.AAD_CLIENT_ID) problems.push('AAD_CLIENT_ID: required outside demo mode');
    if (!raw.PUBLIC_URL) problems.push('PUBLIC_URL: required outside demo mode');
    if (options.servesRequests !== false && !raw.PARTNER_FHIR_URL && !raw.TENANT_ROUTES_FILE)
      problems.push('PARTNER_FHIR_URL: required outside demo mode (or TENANT_ROUTES_FILE)');
  }
  const checksGraph = raw.TEAMS_ACCESS_CHECK === 'graph' || (!isDemo && raw.TEAMS_ACCESS_CHECK === undefined);
  if (checksGraph && isDemo && options.servesRequests !== false && !raw.AAD_CLIENT_ID)
    problems.push('AAD_CLIENT_ID: required with TEAMS_ACCESS_CHECK=graph');
  if (checksGraph && options.servesRequests !== false && !raw.AAD_CLIENT_SECRET)
    problems.push(
      'AAD_CLIENT_SECRET: required with TEAMS_ACCESS_CHECK=graph (the default outside demo mode): Rounds asks ' +
        'Microsoft Graph who is in a channel, chat or meeting on behalf of the user. Or set TEAMS_ACCESS_CHECK=off ' +
        'to let every user of a tenant open every shared list.',
    );
  if (raw.PARTNER_FHIR_URL && (raw.PARTNER_AUTH ?? 'partner-secret') === 'partner-secret') {
    if (!raw.PARTNER_CLIENT_ID) problems.push('PARTNER_CLIENT_ID: required with PARTNER_FHIR_URL');
    if (!raw.PARTNER_CLIENT_SECRET) problems.push('PARTNER_CLIENT_SECRET: required with PARTNER_FHIR_URL');
  }
  if (raw.REDIS_URL && !raw.TOKEN_CACHE_KEY)
    problems.push('TOKEN_CACHE_KEY: required with REDIS_URL: the key that encrypts the tokens kept in Redis (openssl rand -base64 32)');
  if (raw.DATABASE_SSL_CA && raw.DATABASE_SSL !== 'verify-full')
    problems.push('DATABASE_SSL_CA: only used with DATABASE_SSL=verify-full');
  if (isProduction && raw.PUBLIC_URL && !raw.PUBLIC_URL.startsWith('https://'))
    problems.push('PUBLIC_URL: must be https in production');
  return problems;
}

/** The PARTNER_* variables, one per field of an endpoint entry: fhirUrl is PARTNER_FHIR_URL, keyId PARTNER_KEY_ID. */
const partnerVariable = (field: string): string => `PARTNER_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

const PARTNER_FIELDS = [
  'auth', 'fhirUrl', 'clientId', 'clientSecret', 'clientSecretNext', 'keyId', 'alg', 'privateKeyFile',
  'privateKeyEnv', 'scope', 'entraTenantId', 'certificateFile',
];

/** A field inside PARTNER_PUBLISHED_KEYS (JSON) is named by its place: PARTNER_PUBLISHED_KEYS[0].privateKeyFile. */
const partnerField = (path: string): string => {
  const [field = '', index, ...rest] = path.split('.');
  if (index === undefined) return partnerVariable(field);
  return `${partnerVariable(field)}[${index}]${rest.map((part) => `.${part}`).join('')}`;
};

/** The single partner, of any kind, read by the routes file's rules; its problems added to the others once. */
function partnerOf(env: Record<string, string | undefined>, problems: string[]): EndpointConfig | undefined {
  if (!env.PARTNER_FHIR_URL) return undefined;
  const raw: Record<string, unknown> = {};
  for (const field of PARTNER_FIELDS) {
    const value = env[partnerVariable(field)];
    if (value !== undefined) raw[field] = value;
  }
  const own: string[] = [];
  // Keys published beside the signing key, for a rotation: a JSON array, as in a routes file entry.
  if (env.PARTNER_PUBLISHED_KEYS !== undefined) {
    try {
      raw.publishedKeys = JSON.parse(env.PARTNER_PUBLISHED_KEYS) as unknown;
    } catch {
      own.push('PARTNER_PUBLISHED_KEYS: must be a JSON array of { keyId, alg, privateKeyFile or privateKeyEnv }');
    }
  }
  const partner = parseEndpoint(raw, { field: partnerField, baseDir: process.cwd(), env }, own);
  const named = new Set(problems.map((p) => p.slice(0, p.indexOf(':'))));
  problems.push(...own.filter((p) => !named.has(p.slice(0, p.indexOf(':')))));
  return partner;
}

/** Parses the environment once. Throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadOptions = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const named = new Set(problems.map((p) => p.slice(0, p.indexOf(':'))));
  // A variable whose format is wrong is named once, for its format.
  problems.push(...requirementProblems(cleaned, options).filter((p) => !named.has(p.slice(0, p.indexOf(':')))));
  const partner = partnerOf(cleaned, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const isDemo = e.DEMO ?? (!isProduction && !e.AAD_CLIENT_ID && !e.PARTNER_FHIR_URL);

  const allowed = e.AAD_ALLOWED_TENANTS.trim();
  return {
    isProduction,
    isDemo,
    port: e.PORT,
    host: e.HOST ?? (isDemo ? '127.0.0.1' : '0.0.0.0'),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    aad: {
      clientId: e.AAD_CLIENT_ID,
      clientSecret: e.AAD_CLIENT_SECRET,
      appIdUri: e.AAD_APP_ID_URI,
      authority: e.AAD_AUTHORITY,
      allowedTenants: allowed === '*' ? undefined : allowed.split(',').map((t) => t.trim().toLowerCase()),
    },
    partner,
    teams: {
      accessCheck: e.TEAMS_ACCESS_CHECK ?? (isDemo ? 'demo' : 'graph'),
      graphUrl: e.GRAPH_URL,
      accessCacheSeconds: e.ACCESS_CACHE_SECONDS,
    },
    tenantRoutesFile: e.TENANT_ROUTES_FILE,
    databaseUrl: e.DATABASE_URL,
    databaseSsl: e.DATABASE_SSL ? { mode: e.DATABASE_SSL, caFile: e.DATABASE_SSL_CA } : undefined,
    redis: e.REDIS_URL && e.TOKEN_CACHE_KEY ? { url: e.REDIS_URL, tokenKey: Buffer.from(e.TOKEN_CACHE_KEY, 'base64') } : undefined,
    metricsAllow: addressList(e.METRICS_ALLOW),
    logLevel: e.LOG_LEVEL,
    autoRefreshSeconds: e.AUTO_REFRESH_SECONDS,
    fhir: {
      timeoutMs: e.FHIR_TIMEOUT_MS,
      maxConcurrency: e.FHIR_MAX_CONCURRENCY,
      batchSize: e.FHIR_BATCH_SIZE,
      cacheSeconds: e.FHIR_CACHE_SECONDS,
      cacheBytes: Math.round(e.FHIR_CACHE_MB * MB),
      maxResponseBytes: Math.round(e.FHIR_MAX_RESPONSE_MB * MB),
    },
    labCodes: e.LAB_CODES ?? DEFAULT_LAB_CODES,
  };
}
