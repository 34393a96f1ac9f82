import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiResponseError, NETWORK_ERROR_STATUS, createApiClient } from '../../tab/shared/api-client';

let server: Server;
let url: string;
const seen: { authorization?: string; contentType?: string; body?: unknown }[] = [];
beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    seen.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'], body: req.body as unknown });
    next();
  });
  app.get('/api/ok', (_req, res) => {
    res.json({ ok: true });
  });
  app.post('/api/echo', (req, res) => {
    res.status(201).json(req.body);
  });
  app.delete('/api/thing', (_req, res) => {
    res.status(204).end();
  });
  app.patch('/api/stale', (_req, res) => {
    res.status(409).type('application/fhir+json').json({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'conflict', diagnostics: 'version 1 is stale' }],
      current: { version: 2 },
    });
  });
  app.get('/api/login', (_req, res) => {
    res.status(401).json({ resourceType: 'OperationOutcome', issue: [{ diagnostics: 'The demo token has expired' }] });
  });
  app.get('/api/bare', (_req, res) => {
    res.status(500).send('oops');
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('the API client', () => {
  test('sends the bearer token and JSON, and reads JSON answers', async () => {
    const api = createApiClient({ baseUrl: url, getToken: () => Promise.resolve('tok-1') });
    expect(await api.post('/api/echo', { a: 1 })).toEqual({ a: 1 });
    expect(seen.at(-1)).toMatchObject({ authorization: 'Bearer tok-1', contentType: 'application/json', body: { a: 1 } });
    await expect(api.delete('/api/thing')).resolves.toBeUndefined();
  });

  test('turns an OperationOutcome into an ApiResponseError with the status, diagnostics and the rest of the body', async () => {
    const api = createApiClient({ baseUrl: url, getToken: () => Promise.resolve('tok-1') });
    const error = (await api.patch('/api/stale', { version: 1 }).catch((e: unknown) => e)) as ApiResponseError;
    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error.status).toBe(409);
    expect(error.isConflict).toBe(true);
    expect(error.diagnostics).toBe('version 1 is stale');
    expect(error.body.current).toEqual({ version: 2 });
    const bare = (await api.get('/api/bare').catch((e: unknown) => e)) as ApiResponseError;
    expect(bare.status).toBe(500);
    expect(bare.diagnostics).toBe('500 Internal Server Error');
  });

  test('tells the app about a 401 so it can ask the user to sign in again', async () => {
    let unauthorized = 0;
    const api = createApiClient({ baseUrl: url, getToken: () => Promise.resolve('old'), onUnauthorized: () => (unauthorized += 1) });
    await expect(api.get('/api/login')).rejects.toMatchObject({ status: 401, diagnostics: 'The demo token has expired' });
    expect(unauthorized).toBe(1);
  });

  test('calls open endpoints without a token and reports an unreachable server as a network error', async () => {
    const open = createApiClient({ baseUrl: url });
    await open.get('/api/ok');
    expect(seen.at(-1)?.authorization).toBeUndefined();
    const down = createApiClient({ baseUrl: 'http://127.0.0.1:9' });
    await expect(down.get('/api/ok')).rejects.toMatchObject({ status: NETWORK_ERROR_STATUS });
  });
});
