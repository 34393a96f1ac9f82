// GET /metrics in Prometheus text format, for the addresses in METRICS_ALLOW only (loopback by default). The
// peer address of the connection decides, not X-Forwarded-For: a scraper reaches an instance directly.
import type { RequestHandler } from 'express';
import proxyAddr from 'proxy-addr';
import { forbidden } from '../errors.js';
import { httpDuration, registry } from '../metrics.js';
import { routeOf } from './request-log.js';

export function metricsRoute(allow: readonly string[]): RequestHandler {
  const isAllowed = proxyAddr.compile([...allow]);
  return async (req, res) => {
    const peer = req.socket.remoteAddress ?? '';
    if (!isAllowed(peer, 0)) throw forbidden('/metrics is served to the addresses in METRICS_ALLOW only');
    res.set('Cache-Control', 'no-store').type(registry.contentType).send(await registry.metrics());
  };
}

/** Times every request by route template, method and status. */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const stop = httpDuration.startTimer();
    res.on('finish', () => stop({ route: routeOf(req), method: req.method, status: String(res.statusCode) }));
    next();
  };
}
