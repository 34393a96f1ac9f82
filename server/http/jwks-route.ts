// GET /.well-known/jwks.json: the public keys EHRs check Rounds' SMART Backend Services assertions against.
import type { RequestHandler } from 'express';
import type { JsonWebKeySet } from '../partner/jwks.js';

/** EHRs cache the set; five minutes lets a key published for a rotation reach them well before it signs. */
const MAX_AGE_SECONDS = 300;

export function jwksRoute(jwks: JsonWebKeySet): RequestHandler {
  const body = JSON.stringify(jwks);
  return (_req, res) => {
    res.set('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`).type('application/json').send(body);
  };
}
