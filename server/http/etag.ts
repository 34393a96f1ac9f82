// An ETag from what a response says, not from its every byte: rows carry `fetchedAt`, which moves with every
// EHR read even when nothing a clinician sees has changed. A 304 then tells the client its rows are current.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** Sends `body` as JSON with a weak ETag over `content`, or 304 with no body when the client already has it. */
export function sendJsonWithEtag(req: Request, res: Response, body: unknown, content: unknown): void {
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 27);
  res.set('ETag', `W/"${hash}"`);
  // Express's req.fresh compares If-None-Match with the ETag just set (RFC 9110 §13.1.2, weak comparison).
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.json(body);
}
