// A Teams world for the access tests (issue #10): Rounds started as in production (bootstrap), Azure AD tokens from
// a fake Entra that also serves the on-behalf-of exchange, a fake Microsoft Graph holding the rosters, and the demo
// partner as the EHR. A test file calls setUpTeamsWorld() once; the bindings below are live.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startRounds, type RunningRounds, type StartOptions } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';
import type { List } from '../../server/wire/contract.js';
import { FAKE_CLIENT_ID, startFakeAad, type FakeAad } from './fake-aad.js';
import { GRAPH_CLIENT_SECRET, startFakeGraph, type FakeGraph } from './fake-graph.js';

export const TEAM = '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f';
export const CHANNEL = '19:icu-private@thread.tacv2';
export const GENERAL = '19:general@thread.tacv2';
export const CHAT = '19:4d1b7c2e-chat@unq.gbl.spaces';
/** As Teams gives it: the base64 of `0#<meeting chat>#0`. */
export const MEETING = Buffer.from('0#19:meeting_abc123@thread.v2#0').toString('base64');
export const MEETING_CHAT = '19:meeting_abc123@thread.v2';

export const MEMBER = 'oid-member';
export const OUTSIDER = 'oid-outsider';

let aad: FakeAad;
export let graph: FakeGraph;
let partner: RunningDemoPartner;
export let dir: string;
export let rounds: RunningRounds;
const tokens = new Map<string, string>();

function envFor(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://localhost:3978',
    AAD_CLIENT_ID: FAKE_CLIENT_ID,
    AAD_CLIENT_SECRET: GRAPH_CLIENT_SECRET,
    AAD_AUTHORITY: aad.authority,
    GRAPH_URL: graph.url,
    PARTNER_FHIR_URL: partner.url,
    PARTNER_CLIENT_ID: partner.clientId,
    PARTNER_CLIENT_SECRET: partner.clientSecret,
    DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}`,
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

export async function start(overrides: Record<string, string> = {}, options: Partial<StartOptions> = {}): Promise<RunningRounds> {
  return startRounds(loadConfig(envFor(overrides)), {
    logger: createLogger('silent'),
    tabDir: '/nonexistent',
    accessTimeoutMs: 1_000,
    ...options,
  });
}

/** Starts the world before the file's tests and stops it after them. */
export function setUpTeamsWorld(): void {
  beforeAll(async () => {
    // Files share this module in a worker (isolate: false): an earlier world's tokens are signed by another AAD.
    tokens.clear();
    graph = await startFakeGraph({
      clientId: FAKE_CLIENT_ID,
      rosters: {
        teams: { [TEAM]: { [CHANNEL]: [MEMBER], [GENERAL]: [MEMBER, OUTSIDER] } },
        chats: { [CHAT]: [MEMBER], [MEETING_CHAT]: [MEMBER] },
      },
    });
    aad = await startFakeAad({ routes: graph.oboRoutes });
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'rounds-teams-access-'));
    rounds = await start();
  });
  afterAll(async () => {
    await rounds?.close();
    await partner?.close();
    await aad?.close();
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** One token per user, as a tab sends the same token until it expires. */
export async function tokenOf(oid: string): Promise<string> {
  let token = tokens.get(oid);
  if (!token) {
    token = await aad.mint({ claims: { tid: DEMO_TENANT_R4_ID, oid, name: `Dr. ${oid}` } });
    tokens.set(oid, token);
  }
  return token;
}

export interface Answer {
  status: number;
  text: string;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by expect()
  body: any;
}

export async function call(oid: string, method: string, path: string, body?: unknown, on: RunningRounds = rounds): Promise<Answer> {
  const isText = typeof body === 'string';
  const res = await fetch(`${on.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(oid)}`,
      ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
    },
    body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, headers: res.headers, body: parsed };
}

export const channel = { kind: 'channel', id: CHANNEL, teamId: TEAM } as const;
export const channelQuery = `contextKind=channel&contextId=${encodeURIComponent(CHANNEL)}&teamId=${TEAM}`;

export async function channelList(): Promise<List> {
  const created = await call(MEMBER, 'POST', '/api/lists', { name: 'ICU huddle', context: channel });
  expect(created.status).toBe(201);
  const list = created.body as List;
  const entry = await call(MEMBER, 'POST', `/api/lists/${list.id}/entries`, { manual: { name: 'Quill, Zed', mrn: 'Q-1' } });
  await call(MEMBER, 'PUT', `/api/lists/${list.id}/entries/${entry.body.id}/note`, { text: 'Only for the team', version: 1 });
  return (await call(MEMBER, 'GET', `/api/lists/${list.id}`)).body as List;
}

