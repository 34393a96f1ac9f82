// Reads one endpoint entry (a TENANT_ROUTES_FILE entry, or the PARTNER_* variables gathered into one) into an
// EndpointConfig, naming every bad field. Private keys and certificates are loaded and checked here: a key that
// does not match its `alg`, or a certificate whose key is not the one beside it, stops start-up.
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { GUID, secureUrl } from '../config-rules.js';
import { AUTH_KINDS, type EndpointConfig, type EntraCertificate, type SigningAlg, type SigningKey } from './endpoint-config.js';

const KEY_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

const keyRef = {
  keyId: z.string().regex(KEY_ID, 'must be 1–128 letters, digits, . _ : or -'),
  alg: z.enum(['RS384', 'ES384'], { error: 'must be RS384 or ES384' }),
  privateKeyFile: z.string().min(1).optional(),
  privateKeyEnv: z.string().regex(ENV_NAME, 'must name an environment variable').optional(),
};

const schemas = {
  'partner-secret': z
    .object({
      auth: z.literal('partner-secret').optional(),
      fhirUrl: secureUrl,
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      clientSecretNext: z.string().min(1).optional(),
    })
    .strict(),
  'smart-backend': z
    .object({
      auth: z.literal('smart-backend'),
      fhirUrl: secureUrl,
      clientId: z.string().min(1),
      ...keyRef,
      scope: z.string().regex(/^\S+( \S+)*$/, 'must be space-separated scopes').optional(),
      publishedKeys: z.array(z.object(keyRef).strict()).max(4).optional(),
    })
    .strict(),
  entra: z
    .object({
      auth: z.literal('entra'),
      fhirUrl: secureUrl,
      entraTenantId: z.string().regex(GUID, 'must be the hospital tenant GUID'),
      clientId: z.string().regex(GUID, 'must be the app registration GUID'),
      clientSecret: z.string().min(1).optional(),
      certificateFile: z.string().min(1).optional(),
      scope: z.string().regex(/^\S+$/, 'must be one scope, e.g. <fhirUrl>/.default').optional(),
    })
    .strict(),
};

export interface EndpointSource {
  /** Names a field in messages: "TENANT_ROUTES_FILE: <tenant>.clientId", "PARTNER_CLIENT_ID". */
  field(name: string): string;
  /** Where relative key and certificate paths start. */
  baseDir: string;
  /** Where privateKeyEnv names its variable. */
  env: NodeJS.ProcessEnv;
}

type Problems = string[];

function readText(path: string, source: EndpointSource, field: string, problems: Problems): string | undefined {
  try {
    return readFileSync(isAbsolute(path) ? path : resolve(source.baseDir, path), 'utf8');
  } catch {
    problems.push(`${source.field(field)}: ${path} cannot be read`);
    return undefined;
  }
}

/** Why this key cannot sign with this alg, if it cannot. */
function keyMismatch(key: KeyObject, alg: SigningAlg): string | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (alg === 'ES384')
    return key.asymmetricKeyType === 'ec' && details.namedCurve === 'secp384r1' ? undefined : 'ES384 needs an EC P-384 private key';
  if (key.asymmetricKeyType !== 'rsa') return 'RS384 needs an RSA private key';
  return (details.modulusLength ?? 0) >= 2048 ? undefined : 'RS384 needs an RSA key of 2048 bits or more';
}

function signingKey(
  ref: { keyId: string; alg: SigningAlg; privateKeyFile?: string; privateKeyEnv?: string },
  prefix: string,
  source: EndpointSource,
  problems: Problems,
): SigningKey | undefined {
  const fileField = `${prefix}privateKeyFile`;
  if ((ref.privateKeyFile === undefined) === (ref.privateKeyEnv === undefined)) {
    problems.push(`${source.field(fileField)}: give either privateKeyFile or privateKeyEnv (a variable holding the PEM)`);
    return undefined;
  }
  let pem: string | undefined;
  let field = fileField;
  if (ref.privateKeyFile !== undefined) pem = readText(ref.privateKeyFile, source, fileField, problems);
  else {
    field = `${prefix}privateKeyEnv`;
    pem = source.env[ref.privateKeyEnv!];
    if (!pem) problems.push(`${source.field(field)}: the variable ${ref.privateKeyEnv} is not set`);
  }
  if (pem === undefined) return undefined;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    problems.push(`${source.field(field)}: is not a PEM private key`);
    return undefined;
  }
  const mismatch = keyMismatch(privateKey, ref.alg);
  if (mismatch) {
    problems.push(`${source.field(`${prefix}alg`)}: ${mismatch}`);
    return undefined;
  }
  return { keyId: ref.keyId, alg: ref.alg, privateKey };
}

const thumbprint = (algorithm: 'sha1' | 'sha256', der: Buffer): string => createHash(algorithm).update(der).digest('base64url');

function entraCertificate(path: string, source: EndpointSource, problems: Problems): EntraCertificate | undefined {
  const pem = readText(path, source, 'certificateFile', problems);
  if (pem === undefined) return undefined;
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(pem);
    privateKey = createPrivateKey(pem);
  } catch {
    problems.push(`${source.field('certificateFile')}: must hold the PEM certificate and its PEM private key`);
    return undefined;
  }
  if (privateKey.asymmetricKeyType !== 'rsa' || !certificate.checkPrivateKey(privateKey)) {
    problems.push(`${source.field('certificateFile')}: the private key is not the RSA key of the certificate`);
    return undefined;
  }
  return { privateKey, x5t: thumbprint('sha1', certificate.raw), x5tS256: thumbprint('sha256', certificate.raw) };
}

type Entry<K extends keyof typeof schemas> = z.infer<(typeof schemas)[K]>;

function smartBackend(entry: Entry<'smart-backend'>, source: EndpointSource, problems: Problems): EndpointConfig | undefined {
  const before = problems.length;
  const key = signingKey(entry, '', source, problems);
  const refs = entry.publishedKeys ?? [];
  const publishedKeys = refs.map((ref, i) => signingKey(ref, `publishedKeys.${i}.`, source, problems));
  const ids = [entry.keyId, ...refs.map((ref) => ref.keyId)];
  if (new Set(ids).size !== ids.length) problems.push(`${source.field('publishedKeys')}: every key needs its own keyId`);
  if (!key || problems.length > before) return undefined;
  return {
    auth: 'smart-backend',
    fhirUrl: entry.fhirUrl,
    clientId: entry.clientId,
    key,
    publishedKeys: publishedKeys.filter((k): k is SigningKey => k !== undefined),
    scope: entry.scope,
  };
}

function entra(entry: Entry<'entra'>, source: EndpointSource, problems: Problems): EndpointConfig | undefined {
  if ((entry.clientSecret === undefined) === (entry.certificateFile === undefined)) {
    problems.push(`${source.field('clientSecret')}: give either clientSecret or certificateFile`);
    return undefined;
  }
  const certificate = entry.certificateFile === undefined ? undefined : entraCertificate(entry.certificateFile, source, problems);
  if (entry.certificateFile !== undefined && !certificate) return undefined;
  return {
    auth: 'entra',
    fhirUrl: entry.fhirUrl,
    entraTenantId: entry.entraTenantId.toLowerCase(),
    clientId: entry.clientId,
    clientSecret: entry.clientSecret,
    certificate,
    scope: entry.scope ?? `${entry.fhirUrl}/.default`,
  };
}

function parsedEntry<K extends keyof typeof schemas>(kind: K, raw: unknown, source: EndpointSource, problems: Problems): Entry<K> | undefined {
  const parsed = schemas[kind].safeParse(raw);
  if (parsed.success) return parsed.data as Entry<K>;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    // An unknown field is named by itself; its value (perhaps a secret in the wrong place) never is.
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) problems.push(`${source.field(path ? `${path}.${key}` : key)}: is not a known field`);
    else problems.push(`${source.field(path || 'entry')}: ${issue.message}`);
  }
  return undefined;
}

/** One endpoint entry, or undefined with its problems added. */
export function parseEndpoint(raw: unknown, source: EndpointSource, problems: Problems): EndpointConfig | undefined {
  const kind = typeof raw === 'object' && raw !== null ? ((raw as { auth?: unknown }).auth ?? 'partner-secret') : 'partner-secret';
  switch (kind) {
    case 'partner-secret':
      return parsedEntry('partner-secret', raw, source, problems);
    case 'smart-backend': {
      const entry = parsedEntry('smart-backend', raw, source, problems);
      return entry && smartBackend(entry, source, problems);
    }
    case 'entra': {
      const entry = parsedEntry('entra', raw, source, problems);
      return entry && entra(entry, source, problems);
    }
    default:
      problems.push(`${source.field('auth')}: must be ${AUTH_KINDS.join(', ')}`);
      return undefined;
  }
}
