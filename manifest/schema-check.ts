// Microsoft's JSON schema for the manifest's own `manifestVersion`, read from the copy bundled in
// @microsoft/app-manifest: we pass the schema in ourselves, so validation never goes to the network.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

type AppManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const SCHEMA_ROOT = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

export function schemaUrlFor(manifestVersion: string): string {
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

function bundledSchemaPath(manifestVersion: string): string | undefined {
  if (!/^\d+\.\d+$/.test(manifestVersion)) return undefined;
  const path = join(SCHEMA_ROOT, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  return existsSync(path) ? path : undefined;
}

/** Every schema problem, each prefixed with the JSON pointer of the field it names. */
export async function checkAgainstSchema(manifest: Record<string, unknown>): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['manifest.json: manifestVersion is missing'];
  const path = bundledSchemaPath(version);
  if (!path) return [`manifest.json /manifestVersion: no bundled Microsoft schema for version "${version}"`];
  const problems: string[] = [];
  const expectedSchemaUrl = schemaUrlFor(version);
  if (manifest.$schema !== expectedSchemaUrl && manifest.$schema !== expectedSchemaUrl.replace('/en-us', ''))
    problems.push(`manifest.json /$schema: should be ${expectedSchemaUrl} to match manifestVersion ${version}`);
  // The schema files contain \a and \v escapes that JSON.parse refuses; app-manifest cleans them the same way.
  const text = readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(text) as ManifestSchema;
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  return [...problems, ...errors.map(formatSchemaError)];
}

/** app-manifest reports `<pointer> <message>. Details: <params JSON>`; make it one readable line. */
function formatSchemaError(error: string): string {
  const match = /^(\S*) (.*?)\. Details: (.*)$/s.exec(error);
  if (!match) return `manifest.json: ${error}`;
  const [, pointer, message, details] = match;
  let extra = '';
  try {
    const params = JSON.parse(details ?? '') as Record<string, unknown>;
    if (typeof params.additionalProperty === 'string') extra = `: "${params.additionalProperty}"`;
    else if (Array.isArray(params.allowedValues)) extra = ` (${params.allowedValues.map(String).join(', ')})`;
  } catch {
    // No readable details: the message alone names the problem.
  }
  return `manifest.json ${pointer || '/'}: ${message}${extra}`;
}
