import { Router } from 'express';
import type { AuditTrail } from '../lists/audit.js';
import { userOf } from '../http/authenticate.js';
import { parseQuery } from './parse.js';
import { auditQuery } from './list-schemas.js';

/** GET /api/audit?listId=&limit=: a list's own events, newest first, in the caller's tenant. */
export function auditRoutes(audit: AuditTrail): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const { listId, limit } = parseQuery(auditQuery, req.query);
    res.json({ events: await audit.forList(userOf(res), listId, limit) });
  });
  return router;
}
