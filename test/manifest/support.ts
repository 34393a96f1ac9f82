// Builders for app packages with one deliberate mistake each.
import { PNG } from 'pngjs';
import { loadConfig, type Config } from '../../server/config.js';
import { renderColorIcon, renderOutlineIcon } from '../../manifest/icons.js';
import { renderManifest } from '../../manifest/render.js';
import type { Expectations } from '../../manifest/validate.js';
import type { PackageFiles } from '../../manifest/zip.js';

export const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
export const PUBLIC_URL = 'https://rounds.example.org';

export function productionConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL,
    AAD_CLIENT_ID: CLIENT_ID,
    PARTNER_FHIR_URL: 'https://partner.example/fhir',
    PARTNER_CLIENT_ID: 'rounds',
    PARTNER_CLIENT_SECRET: 'not-a-real-secret',
    AAD_CLIENT_SECRET: 'not-a-real-app-secret',
    ...overrides,
  });
}

export const EXPECTED: Expectations = { publicUrl: PUBLIC_URL, aadClientId: CLIENT_ID, allowHttp: false };

export function goodManifest(): Record<string, unknown> {
  return renderManifest({ publicUrl: PUBLIC_URL, aadClientId: CLIENT_ID, version: '1.2.3' });
}

export function packageFiles(
  manifest: Record<string, unknown>,
  icons: { color?: Buffer; outline?: Buffer } = {},
): PackageFiles {
  return new Map([
    ['manifest.json', Buffer.from(JSON.stringify(manifest))],
    ['color.png', icons.color ?? renderColorIcon()],
    ['outline.png', icons.outline ?? renderOutlineIcon()],
  ]);
}

/** A PNG of one colour. */
export function solidPng(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}

/** A 32×32 outline drawn in the given colour on a transparent background. */
export function outlineIn(rgb: [number, number, number]): Buffer {
  const png = PNG.sync.read(renderOutlineIcon());
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i + 3]! > 0) png.data.set(rgb, i);
  return PNG.sync.write(png);
}
