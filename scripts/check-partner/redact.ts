// No secret leaves the checker: whatever a server echoes into a reason, the client secret, the token and the
// private key's material are replaced before the table is printed.
import type { KeyObject } from 'node:crypto';
import type { CheckOptions, CheckResult } from './types.js';

/** The private parameters of the key as JWK (`d`, and RSA's primes and exponents) and the lines of its PEM. */
function keyMaterialOf(key: KeyObject): string[] {
  const jwk = key.export({ format: 'jwk' });
  const params = [jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi];
  const pem = String(key.export({ type: 'pkcs8', format: 'pem' }));
  const lines = pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
  return [...params, lines.join(''), ...lines].filter((value): value is string => typeof value === 'string');
}

/** Everything a run must never print: its secret or key, and the token it got. */
export function secretsOf(options: CheckOptions, token: string | undefined): string[] {
  const own = options.auth === 'smart-backend' ? keyMaterialOf(options.key.privateKey) : [options.clientSecret];
  return token === undefined ? own : [...own, token];
}

/** Replaces every occurrence of a secret in the reasons. */
export function redact(results: CheckResult[], secrets: string[]): CheckResult[] {
  // Longest first, so a secret that contains another is hidden whole.
  const hidden = secrets.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  return results.map((result) =>
    result.reason === undefined
      ? result
      : { ...result, reason: hidden.reduce((text, secret) => text.split(secret).join('[redacted]'), result.reason) },
  );
}
