import { Router } from 'express';
import { z } from 'zod';
import type { Health, Me, TeamsAccessCheck } from '../wire/contract.js';
import type { DemoIdentity } from '../auth/demo-identity.js';
import type { Readiness } from '../http/readiness.js';
import { serviceUnavailable } from '../errors.js';
import { userOf } from '../http/authenticate.js';
import { parseBody } from './parse.js';

/** What an operator reads in /api/health and the start-up log when Teams membership is not checked. */
export const ACCESS_OFF_WARNING =
  "TEAMS_ACCESS_CHECK=off: Teams membership is not checked. Every signed-in user of a tenant can open every channel's, chat's and meeting's patient lists.";

export function healthRoutes(version: string, teamsAccessCheck: TeamsAccessCheck): Router {
  const router = Router();
  const body: Health = {
    status: 'ok',
    version,
    teamsAccessCheck,
    ...(teamsAccessCheck === 'off' ? { warnings: [ACCESS_OFF_WARNING] } : {}),
  };
  router.get('/health', (_req, res) => {
    res.json(body);
  });
  return router;
}

/** GET /api/ready: 200 when this instance can take requests; 503 (an outcome saying why) otherwise. */
export function readyRoutes(readiness: Readiness): Router {
  const router = Router();
  router.get('/ready', async (_req, res) => {
    const problems = await readiness.problems();
    if (problems.length > 0) throw serviceUnavailable(`Not ready: ${problems.join('; ')}`, 5);
    res.json({ status: 'ready' });
  });
  return router;
}

/** Open demo sign-in: lists demo clinicians and hands out demo tokens. Mounted only in demo mode. */
export function demoRoutes(demo: DemoIdentity): Router {
  const router = Router();
  const signInBody = z.object({ userId: z.string().min(1).max(100) });
  router.get('/users', (_req, res) => {
    res.json({ users: demo.listUsers() });
  });
  router.post('/sign-in', async (req, res) => {
    const { userId } = parseBody(signInBody, req.body);
    res.json(await demo.signIn(userId));
  });
  return router;
}

export function meRoutes(): Router {
  const router = Router();
  router.get('/me', (_req, res) => {
    const user = userOf(res);
    const body: Me = {
      tenantId: user.tenantId,
      userId: user.userId,
      name: user.name,
      username: user.username,
      isDemo: user.isDemo,
    };
    res.json(body);
  });
  return router;
}
