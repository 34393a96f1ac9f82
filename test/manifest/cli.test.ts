import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runScript, type ScriptResult } from '../support/run-script.js';
import { unzipPackage } from '../../manifest/zip.js';

const CLI = join(import.meta.dirname, '..', '..', 'manifest', 'package.ts');
const dir = mkdtempSync(join(tmpdir(), 'rounds-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function packageCli(args: string[], env: Record<string, string>): Promise<ScriptResult> {
  return runScript(CLI, args, { env });
}

describe('npm run package', () => {
  test('writes a valid zip for the demo configuration with --allow-http', async () => {
    const out = join(dir, 'demo.zip');
    const result = await packageCli(['--allow-http', '--out', out], { DEMO: '1' });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Valid\. Wrote .*demo\.zip/);
    const files = await unzipPackage(readFileSync(out));
    expect(JSON.parse(files.get('manifest.json')!.toString()).staticTabs[0].contentUrl).toBe('http://localhost:3978/tab');
  });

  test('exits 1, lists every problem and writes nothing when the URL is http and --allow-http is absent', async () => {
    const out = join(dir, 'refused.zip');
    const result = await packageCli(['--out', out], { DEMO: '1' });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/The package is not valid \(7 problems\)/);
    expect(result.err).toMatch(/- manifest\.json \/configurableTabs\/0\/configurationUrl: http:\/\/localhost:3978\/config is not https/);
    expect(existsSync(out)).toBe(false);
  });

  test("builds a production package from PUBLIC_URL and AAD_CLIENT_ID alone, without the partner's settings", async () => {
    const out = join(dir, 'production.zip');
    const result = await packageCli(['--out', out], {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://rounds.example.org',
      AAD_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
    });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  test('exits 1 naming the bad variable when the configuration is invalid', async () => {
    const result = await packageCli(['--out', join(dir, 'bad.zip')], { DEMO: '1', PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/PORT/);
  });
});
