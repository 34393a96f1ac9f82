// `npm run keys`: a key pair for SMART Backend Services, the private half in a file only its owner reads, the
// public half printed as the JWKS entry Rounds will publish; a routes entry naming the file is accepted.
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runScript, type ScriptResult } from '../support/run-script.js';
import { jwksOf } from '../../server/partner/jwks.js';
import { loadTenantRoutes } from '../../server/partner/tenant-routes-file.js';
import { TENANT_A } from '../support/fake-aad.js';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'keys.ts');

function keys(args: string[], cwd: string): Promise<ScriptResult> {
  return runScript(SCRIPT, args, { cwd });
}

describe('npm run keys', () => {
  test('writes an ES384 private key readable by its owner only, prints its JWKS entry, and never overwrites it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const made = await keys(['--alg', 'ES384', '--kid', 'rounds-test'], dir);
    expect(made.code).toBe(0);
    const file = join(dir, 'keys', 'rounds-test.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const printed = JSON.parse(/(\{[^{}]*"kty"[^{}]*\})/.exec(made.out)![1]!) as Record<string, string>;
    expect(printed).toMatchObject({ kty: 'EC', crv: 'P-384', kid: 'rounds-test', alg: 'ES384', use: 'sig' });
    expect(printed).not.toHaveProperty('d');
    expect(createPublicKey(readFileSync(file, 'utf8')).export({ format: 'jwk' }).x).toBe(printed.x);
    expect(made.out).not.toContain('PRIVATE KEY');

    // The entry it prints is one Rounds accepts, and publishes the same key.
    writeFileSync(join(dir, 'routes.json'), JSON.stringify({
      [TENANT_A]: { auth: 'smart-backend', fhirUrl: 'https://ehr.example.org/fhir', clientId: 'rounds', keyId: 'rounds-test', privateKeyFile: 'keys/rounds-test.pem', alg: 'ES384' },
    }));
    expect(jwksOf(loadTenantRoutes(join(dir, 'routes.json')).values()).keys).toEqual([printed]);

    const again = await keys(['--alg', 'ES384', '--kid', 'rounds-test'], dir);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/exists: choose another --out/);
  });

  test('refuses an alg other than ES384 or RS384', async () => {
    const result = await keys(['--alg', 'HS256'], mkdtempSync(join(tmpdir(), 'keys-')));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--alg must be ES384 or RS384/);
  });
});
