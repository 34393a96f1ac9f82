// Fills manifest.template.json from the configuration: PUBLIC_URL, its host, AAD_CLIENT_ID, the app id
// derived from PUBLIC_URL (app-id.ts) and the package.json version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../server/config.js';
import { appIdFor } from './app-id.js';

export const TEMPLATE_PATH = join(import.meta.dirname, 'manifest.template.json');

export interface ManifestValues {
  publicUrl: string;
  aadClientId?: string;
  /** The app's semver; Teams only updates an installed app when this grows. */
  version: string;
}

export function manifestValuesFrom(config: Config, version: string): ManifestValues {
  return { publicUrl: config.publicUrl, aadClientId: config.aad.clientId, version };
}

export function readTemplate(path = TEMPLATE_PATH): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function fill(value: unknown, placeholders: Record<string, string>): unknown {
  if (typeof value === 'string')
    return value.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => placeholders[name] ?? whole);
  if (Array.isArray(value)) return value.map((item) => fill(item, placeholders));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, placeholders)]));
  return value;
}

/** The manifest for these values. Throws when the template names a placeholder we do not know. */
export function renderManifest(
  values: ManifestValues,
  template: Record<string, unknown> = readTemplate(),
): Record<string, unknown> {
  const publicUrl = values.publicUrl.replace(/\/+$/, '');
  const source = { ...template };
  // Without an Entra app there is no Teams SSO (demo mode signs in with its own identity): an
  // unfilled webApplicationInfo would only make Teams try, and fail, to get a token.
  if (!values.aadClientId) delete source.webApplicationInfo;
  const placeholders: Record<string, string> = {
    PUBLIC_URL: publicUrl,
    PUBLIC_HOST: new URL(publicUrl).host,
    APP_ID: appIdFor(publicUrl),
    VERSION: values.version,
    ...(values.aadClientId ? { AAD_CLIENT_ID: values.aadClientId } : {}),
  };
  const manifest = fill(source, placeholders) as Record<string, unknown>;
  const left = JSON.stringify(manifest).match(/\{\{\w+\}\}/g);
  if (left) throw new Error(`manifest template: unknown placeholders ${[...new Set(left)].join(', ')}`);
  return manifest;
}
