import { Router } from 'express';
import { z } from 'zod';
import type { Health, Me } from '../wire/contract.js';
import type { DemoIdentity } from '../auth/demo-identity.js';
import { userOf } from '../http/authenticate.js';
import { parseBody } from './parse.js';

export function healthRoutes(version: string): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const body: Health = { status: 'ok', version };
    res.json(body);
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
