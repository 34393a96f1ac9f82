import { Router } from 'express';
import type { AuditTrail } from '../lists/audit.js';
import { userOf } from '../http/authenticate.js';
import { parseQuery } from './parse.js';
import { auditQuery } from './list-schemas.js';

/**
 * GET /api/audit?listId=&limit=&type=&before=: a list's own events, newest first, in the caller's tenant, a page
 * at a time (`next` names the page after), of some types only when asked.
 */
export function auditRoutes(audit: AuditTrail): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const { listId, limit, before, type } = parseQuery(auditQuery, req.query);
    const events = await audit.forList(userOf(res), listId, limit, { before, types: type });
    const last = events.at(-1);
    res.json({ events, ...(events.length === limit && last ? { next: last.id } : {}) });
  });
  return router;
}
