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

function serialise(body: object, tagged: unknown): Serialised {
  const known = serialised.get(body);
  if (known) return known;
  const made: Serialised = {
    json: JSON.stringify(body),
    etag: `W/"${createHash('sha1').update(JSON.stringify(tagged)).digest('base64url')}"`,
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

/**
 * Sends `body` as JSON with a weak ETag over `tagged` (the part of it that matters), or 304 with no body when the
 * client already has it. A body object sent again is not serialised or compressed again.
 */
export function sendJsonWithEtag(req: Request, res: Response, body: object, tagged: unknown): void {
  const made = serialise(body, tagged);
  res.set('ETag', made.etag);
  // Express's req.fresh compares If-None-Match with the ETag just set (RFC 9110 §13.1.2, weak comparison).
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const { encoding, bytes } = encoded(req, made);
  res.type('application/json').vary('Accept-Encoding');
  if (encoding) res.set('Content-Encoding', encoding);
  res.send(bytes);
}
