// `npm run keys -- --alg ES384 [--kid rounds-2026-12-es384] [--out keys/rounds-2026-12-es384.pem]`
// Makes a key pair for SMART Backend Services: the private key goes into a new file only its owner can read
// (mode 600, never over an existing file); the public key is printed as the JWKS entry Rounds will publish at
// /.well-known/jwks.json, with the fields of the TENANT_ROUTES_FILE entry that uses it.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { SIGNING_ALGS, type SigningAlg } from '../server/partner/endpoint-config.js';
import { publicJwkOf } from '../server/partner/jwks.js';

const USAGE = 'usage: npm run keys -- --alg ES384|RS384 [--kid <key id>] [--out <private key file>]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { alg: { type: 'string' }, kid: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const alg = (values.alg ?? '').toUpperCase() as SigningAlg;
if (!SIGNING_ALGS.includes(alg)) fail('--alg must be ES384 or RS384');
const month = new Date().toISOString().slice(0, 7);
const keyId = values.kid ?? `rounds-${month}-${alg.toLowerCase()}`;
if (!/^[A-Za-z0-9._:-]{1,128}$/.test(keyId)) fail('--kid must be 1–128 letters, digits, . _ : or -');
const out = values.out ?? `keys/${keyId}.pem`;

const { privateKey } =
  alg === 'ES384'
    ? generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
    : generateKeyPairSync('rsa', { modulusLength: 3072 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
try {
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  // `wx`: a key already in use is never overwritten; 0600: readable by its owner only.
  writeFileSync(out, pem, { flag: 'wx', mode: 0o600 });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(code === 'EEXIST' ? `${out} exists: choose another --out (a key in use is never overwritten)` : `${out} cannot be written (${code ?? 'error'})`);
}

console.log(`Private key written to ${out} (mode 600). Keep it out of version control.\n`);
console.log('The JWKS entry Rounds publishes at <PUBLIC_URL>/.well-known/jwks.json:');
console.log(JSON.stringify(publicJwkOf({ keyId, alg, privateKey }), null, 2));
console.log('\nThe TENANT_ROUTES_FILE entry fields:');
console.log(JSON.stringify({ auth: 'smart-backend', keyId, privateKeyFile: out, alg }, null, 2));
