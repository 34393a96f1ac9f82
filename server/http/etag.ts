// Rows go out with an ETag over what they say, not over every byte: they carry `fetchedAt`, which moves with
// every EHR read even when nothing a clinician sees has changed. A 304 then tells the client its rows are
// current. Content that is handed out again unchanged (a list many clinicians open, built once from shared EHR
// answers) is serialised, hashed and compressed once, not once per request.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

interface Serialised {
  json: string;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
}

const serialised = new WeakMap<object, Serialised>();

/** JSON answers from this size on leave compressed: here, and in the compression middleware (app.ts). */
export const COMPRESS_FROM_BYTES = 1024;

/** The body as JSON, its tagged part written once and used for the ETag too (a list's rows are most of it). */
function serialise<T extends object>(body: T, taggedKey: keyof T & string): Serialised {
  const known = serialised.get(body);
  if (known) return known;
  const taggedJson = JSON.stringify(body[taggedKey]);
  const rest = JSON.stringify({ ...body, [taggedKey]: undefined });
  const made: Serialised = {
    json: rest === '{}' ? `{"${taggedKey}":${taggedJson}}` : `{"${taggedKey}":${taggedJson},${rest.slice(1)}`,
    etag: `W/"${createHash('sha1').update(taggedJson).digest('base64url')}"`,
  };
  serialised.set(body, made);
  return made;
}

/** The body in the best encoding the client takes, made once per content and encoding. */
function encoded(req: Request, made: Serialised): { encoding?: 'br' | 'gzip'; bytes: Buffer | string } {
  const body = made.json;
  if (body.length < COMPRESS_FROM_BYTES) return { bytes: body };
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  if (encoding === 'br') {
    made.br ??= brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    return { encoding, bytes: made.br };
  }
  if (encoding === 'gzip') {
    made.gzip ??= gzipSync(body, { level: 6 });
    return { encoding, bytes: made.gzip };
  }
  return { bytes: body };
}

/** The opaque part of an entity tag, for the weak comparison: `W/"x"` and `"x"` are the same tag. */
const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');

/**
 * Whether If-None-Match names this ETag (RFC 9110 §13.1.2, weak comparison). Evaluated here, at the origin,
 * whatever the request's Cache-Control says: a browser's fetch adds `Cache-Control: no-cache` to any request
 * carrying If-None-Match, which is for caches on the way, not for the origin's answer (Express's req.fresh
 * would refuse every such 304).
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** Whether the client already has this body (its If-None-Match names the body's ETag): the answer will be a 304. */
export function isNotModified<T extends object>(req: Request, body: T, taggedKey: keyof T & string): boolean {
  return matchesIfNoneMatch(req.get('If-None-Match'), serialise(body, taggedKey).etag);
}

/**
 * Sends `body` as JSON with a weak ETag over `body[taggedKey]` (the part of it that matters), or 304 with no body when the
 * client already has it. A body object sent again is not serialised or compressed again.
 */
export function sendJsonWithEtag<T extends object>(req: Request, res: Response, body: T, taggedKey: keyof T & string): void {
  const made = serialise(body, taggedKey);
  res.set('ETag', made.etag);
  if (matchesIfNoneMatch(req.get('If-None-Match'), made.etag)) {
    res.status(304).end();
    return;
  }
  const { encoding, bytes } = encoded(req, made);
  res.type('application/json').vary('Accept-Encoding');
  if (encoding) res.set('Content-Encoding', encoding);
  res.send(bytes);
}
