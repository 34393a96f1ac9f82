import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

// Logs method, route template and status: never the URL itself, whose query may hold a patient's name.
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeOf(req);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, route, status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  };
}

/** The matched route template (`/api/lists/:listId`), never the concrete URL. */
export function routeOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  return route ? `${req.baseUrl}${String(route.path)}` : req.baseUrl || 'static';
}
