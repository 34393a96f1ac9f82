// Rounds as a SMART Backend Services client of the demo's SMART hospital: a key pair made at each start (nothing
// to configure, nothing kept on disk), published at /.well-known/jwks.json like any configured key.
import { generateKeyPairSync } from 'node:crypto';
import type { SmartBackendConfig } from '../partner/endpoint-config.js';
import { DEMO_SMART_CLIENT_ID } from './tenants.js';

export function demoSmartEndpoint(fhirUrl: string): SmartBackendConfig {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  return {
    auth: 'smart-backend',
    fhirUrl,
    clientId: DEMO_SMART_CLIENT_ID,
    key: { keyId: 'rounds-demo-es384', alg: 'ES384', privateKey },
    publishedKeys: [],
  };
}
