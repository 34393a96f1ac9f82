// Rounds' JSON Web Key Set for SMART Backend Services: the public half of every key an endpoint signs with or
// publishes for a rotation (`kid` = keyId, `alg`, `use: sig`), so an EHR admin registers one URL:
// <PUBLIC_URL>/.well-known/jwks.json. Private parameters never leave the key object.
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { ConfigError } from '../config.js';
import { keysOf, type EndpointConfig, type SigningKey } from './endpoint-config.js';

export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: string;
  use: 'sig';
}

export interface JsonWebKeySet {
  keys: PublicJwk[];
}

export function publicJwkOf(key: SigningKey): PublicJwk {
  const { kty, crv, x, y, n, e } = createPublicKey(key.privateKey).export({ format: 'jwk' });
  const params = kty === 'EC' ? { kty, crv, x, y } : { kty, n, e };
  return { ...params, kid: key.keyId, alg: key.alg, use: 'sig' };
}

/** One key set for every endpoint; two different keys under one keyId stop start-up (an EHR could not tell them apart). */
export function jwksOf(endpoints: Iterable<EndpointConfig>): JsonWebKeySet {
  const byId = new Map<string, PublicJwk>();
  for (const endpoint of endpoints) {
    for (const key of keysOf(endpoint)) {
      const jwk = publicJwkOf(key);
      const known = byId.get(jwk.kid);
      if (known && JSON.stringify(known) !== JSON.stringify(jwk))
        throw new ConfigError([`keyId ${jwk.kid}: names two different keys; give each key its own keyId`]);
      byId.set(jwk.kid, jwk);
    }
  }
  return { keys: [...byId.values()] };
}
