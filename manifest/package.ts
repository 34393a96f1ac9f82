// `npm run package [-- --allow-http] [--out <file>]`: builds the Teams app package for the configuration in
// the environment (loadConfig, as the server reads it) and validates it offline. Writes the zip only when it
// is valid; otherwise lists every problem and exits 1.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { buildPackage } from './build.js';

const DEFAULT_OUT = join(import.meta.dirname, '..', 'dist', 'rounds.zip');

const print = (line = ''): boolean => process.stdout.write(`${line}\n`);

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
}

function readArgs(): { allowHttp: boolean; out: string } {
  try {
    const { values } = parseArgs({
      options: { 'allow-http': { type: 'boolean', default: false }, out: { type: 'string' } },
      strict: true,
    });
    return { allowHttp: values['allow-http'] ?? false, out: resolve(values.out ?? DEFAULT_OUT) };
  } catch (error) {
    return fail([(error as Error).message, 'usage: npm run package -- [--allow-http] [--out <file.zip>]']);
  }
}

function readConfig(): Config {
  try {
    // The package needs PUBLIC_URL and AAD_CLIENT_ID, not the partner's settings.
    return loadConfig(process.env, { servesRequests: false });
  } catch (error) {
    if (error instanceof ConfigError) return fail([error.message]);
    throw error;
  }
}

const args = readArgs();
const config = readConfig();
const built = await buildPackage(config, { allowHttp: args.allowHttp });
const shown = relative(process.cwd(), args.out) || args.out;

print(`Teams app package for ${config.publicUrl}${config.isDemo ? ' (demo mode)' : ''}`);
print(`  app id ${String(built.manifest.id)}, version ${String(built.manifest.version)}`);
for (const warning of built.warnings) print(`  warning: ${warning}`);

if (built.problems.length > 0) {
  // Never leave an older, valid-looking package behind that does not match this configuration.
  rmSync(args.out, { force: true });
  fail([
    `The package is not valid (${built.problems.length} problem${built.problems.length === 1 ? '' : 's'}); ${shown} was not written:`,
    ...built.problems.map((problem) => `  - ${problem}`),
  ]);
}

mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, built.zip);
print(`Valid. Wrote ${shown} (${built.zip.length} bytes): upload it in Teams (Apps > Manage your apps > Upload an app).`);
