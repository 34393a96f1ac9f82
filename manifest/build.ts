// Builds the app package for a configuration and validates it: the one entry point of the CLI and tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../server/config.js';
import { COLOR_ICON, OUTLINE_ICON } from './icons.js';
import { manifestValuesFrom, renderManifest } from './render.js';
import { validatePackage, type Findings } from './validate.js';
import { zipPackage, type PackageFiles } from './zip.js';

/** The committed icons (regenerate with `npx tsx manifest/write-icons.ts`). */
export const ICON_DIR = import.meta.dirname;

export interface BuiltPackage extends Findings {
  zip: Buffer;
  manifest: Record<string, unknown>;
}

export function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function buildPackage(
  config: Config,
  options: { allowHttp: boolean; version?: string },
): Promise<BuiltPackage> {
  const manifest = renderManifest(manifestValuesFrom(config, options.version ?? readPackageVersion()));
  const files: PackageFiles = new Map([
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
    [COLOR_ICON.file, readFileSync(join(ICON_DIR, COLOR_ICON.file))],
    [OUTLINE_ICON.file, readFileSync(join(ICON_DIR, OUTLINE_ICON.file))],
  ]);
  const zip = await zipPackage(files);
  // Validate what was zipped, read back from the zip: that is what Teams will receive.
  const findings = await validatePackage(zip, {
    publicUrl: config.publicUrl,
    aadClientId: config.aad.clientId,
    appIdUri: config.aad.appIdUri,
    allowHttp: options.allowHttp,
  });
  return { zip, manifest, ...findings };
}
