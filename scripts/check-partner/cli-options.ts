// The command line of `npm run check-partner`, read into the options of one kind of connection. Secrets come only
// from the environment (a command line stays in shell history). A SMART key is named by its file and read by
// Rounds' own rules (server/partner/endpoint-parse.ts), as are the Entra ids: what the checker takes, Rounds takes.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLoopbackUrl } from '../../server/config.js';
import { AUTH_KINDS, type AuthKind, type EndpointConfig, type SigningAlg } from '../../server/partner/endpoint-config.js';
import { parseEndpoint } from '../../server/partner/endpoint-parse.js';
import type { CheckOptions, EntraCheckOptions, PartnerSecretCheckOptions, SmartBackendCheckOptions } from './types.js';

const FLAGS = {
  auth: { type: 'string' },
  url: { type: 'string' },
  'client-id': { type: 'string' },
  tenant: { type: 'string' },
  key: { type: 'string' },
  kid: { type: 'string' },
  alg: { type: 'string' },
  scope: { type: 'string' },
  'entra-tenant': { type: 'string' },
  family: { type: 'string' },
  'patient-id': { type: 'string' },
  'timeout-ms': { type: 'string' },
  help: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>['values'];

/** The flags only some kinds of connection take. */
const OWN_FLAGS: Record<AuthKind, (keyof Values)[]> = {
  'partner-secret': ['tenant'],
  'smart-backend': ['key', 'kid', 'alg', 'scope'],
  entra: ['entra-tenant', 'scope'],
};

/** The flag or variable an endpoint entry's field came from, for the messages of Rounds' own rules. */
const SOURCE_OF: Record<string, string> = {
  fhirUrl: '--url',
  clientId: '--client-id',
  keyId: '--kid',
  alg: '--alg',
  privateKeyFile: '--key',
  scope: '--scope',
  entraTenantId: '--entra-tenant',
  clientSecret: 'ENTRA_CLIENT_SECRET',
};

export type CliRequest = { help: true } | { help: false; options: CheckOptions };

type Common = Pick<CheckOptions, 'family' | 'patientId' | 'timeoutMs'>;

function missing(names: (string | false)[]): void {
  const absent = names.filter((name): name is string => name !== false);
  if (absent.length > 0) throw new Error(`missing ${absent.join(', ')}`);
}

/** An entry read by Rounds' own rules (server/partner/endpoint-parse.ts), or one error naming every bad flag. */
function endpointOf(raw: Record<string, string | undefined>): EndpointConfig {
  const problems: string[] = [];
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const config = parseEndpoint(defined, { field: (name) => SOURCE_OF[name] ?? name, baseDir: process.cwd(), env: {} }, problems);
  if (!config || problems.length > 0) throw new Error(problems.join('; '));
  return config;
}

function partnerSecret(values: Values, env: NodeJS.ProcessEnv, common: Common): PartnerSecretCheckOptions {
  const url = values.url ?? env.PARTNER_FHIR_URL;
  const clientId = values['client-id'] ?? env.PARTNER_CLIENT_ID;
  const clientSecret = env.PARTNER_CLIENT_SECRET;
  missing([
    !url && '--url (or PARTNER_FHIR_URL)',
    !clientId && '--client-id (or PARTNER_CLIENT_ID)',
    !values.tenant && '--tenant',
    !clientSecret && 'PARTNER_CLIENT_SECRET in the environment',
  ]);
  try {
    new URL(url!);
  } catch {
    throw new Error('--url is not a URL');
  }
  return { url: url!, clientId: clientId!, clientSecret: clientSecret!, tenant: values.tenant!, ...common };
}

/** ES384 for an EC key, RS384 for an RSA one; Rounds' rules then check the curve or the size. */
function algOfKeyFile(path: string): SigningAlg {
  try {
    return createPrivateKey(readFileSync(path, 'utf8')).asymmetricKeyType === 'rsa' ? 'RS384' : 'ES384';
  } catch {
    return 'ES384'; // Rounds' rules name what is wrong with the file.
  }
}

function smartBackend(values: Values, common: Common): SmartBackendCheckOptions {
  missing([!values.url && '--url', !values['client-id'] && '--client-id', !values.key && '--key', !values.kid && '--kid']);
  if (/-----BEGIN|\n/.test(values.key!))
    throw new Error('--key names the private key file: the key itself on a command line would stay in shell history');
  const config = endpointOf({
    auth: 'smart-backend',
    fhirUrl: values.url,
    clientId: values['client-id'],
    keyId: values.kid,
    alg: values.alg?.toUpperCase() ?? algOfKeyFile(values.key!),
    privateKeyFile: values.key,
    scope: values.scope,
  });
  if (config.auth !== 'smart-backend') throw new Error('--auth smart-backend was read as another kind');
  return { auth: 'smart-backend', url: config.fhirUrl, clientId: config.clientId, key: config.key, scope: config.scope, ...common };
}

function entra(values: Values, env: NodeJS.ProcessEnv, common: Common): EntraCheckOptions {
  const clientSecret = env.ENTRA_CLIENT_SECRET;
  missing([
    !values.url && '--url',
    !values['client-id'] && '--client-id',
    !values['entra-tenant'] && '--entra-tenant',
    !clientSecret && 'ENTRA_CLIENT_SECRET in the environment',
  ]);
  const authority = (env.AAD_AUTHORITY ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  if (!/^https:\/\//.test(authority) && !isLoopbackUrl(authority))
    throw new Error('AAD_AUTHORITY must be an https URL (http only on loopback)');
  const config = endpointOf({
    auth: 'entra',
    fhirUrl: values.url,
    entraTenantId: values['entra-tenant'],
    clientId: values['client-id'],
    clientSecret,
    scope: values.scope,
  });
  if (config.auth !== 'entra') throw new Error('--auth entra was read as another kind');
  const { fhirUrl, clientId, entraTenantId, scope } = config;
  return { auth: 'entra', url: fhirUrl, clientId, entraTenantId, clientSecret: clientSecret!, scope, authority, ...common };
}

/** The run the command line asks for; an Error whose message says what is wrong with it. */
export function readCommandLine(args: string[], env: NodeJS.ProcessEnv): CliRequest {
  if (args.some((arg) => arg.startsWith('--client-secret')))
    throw new Error(
      'the secret is read from PARTNER_CLIENT_SECRET only (ENTRA_CLIENT_SECRET with --auth entra): on a command line it would stay in shell history',
    );
  const { values } = parseArgs({ args, options: FLAGS, strict: true });
  if (values.help) return { help: true };
  const auth = (values.auth ?? 'partner-secret') as AuthKind;
  if (!AUTH_KINDS.includes(auth)) throw new Error(`--auth must be ${AUTH_KINDS.join(', ')}`);
  const stray = [...new Set(Object.values(OWN_FLAGS).flat())].filter((flag) => values[flag] !== undefined && !OWN_FLAGS[auth].includes(flag));
  if (stray.length > 0) throw new Error(`${stray.map((flag) => `--${flag}`).join(', ')}: not used with --auth ${auth}`);
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new Error('--timeout-ms must be a positive number');
  const common: Common = { family: values.family, patientId: values['patient-id'], timeoutMs };
  if (auth === 'smart-backend') return { help: false, options: smartBackend(values, common) };
  if (auth === 'entra') return { help: false, options: entra(values, env, common) };
  return { help: false, options: partnerSecret(values, env, common) };
}

/** The line above the table: what is checked, and as whom (never a secret). */
export function describeRun(options: CheckOptions): string {
  switch (options.auth) {
    case 'smart-backend':
      return `Checking ${options.url} with SMART Backend Services (client ${options.clientId}, key ${options.key.keyId}, ${options.key.alg})`;
    case 'entra':
      return `Checking ${options.url} through Microsoft Entra ID tenant ${options.entraTenantId} (client ${options.clientId})`;
    default:
      return `Checking ${options.url} for tenant ${options.tenant} (client ${options.clientId})`;
  }
}
