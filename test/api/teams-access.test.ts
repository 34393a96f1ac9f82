// Access follows Teams membership (issue #10), over real HTTP: Rounds started as in production (bootstrap), Azure AD
// tokens from a fake Entra that also serves the on-behalf-of exchange, a fake Microsoft Graph holding the rosters,
// and the demo partner as the EHR.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRounds, type RunningRounds, type StartOptions } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/lists/sqlite-store.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { DEMO_TENANT_DEFINITIONS, DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';
import { DEMO_PRIVATE_CHANNEL_ID, DEMO_PRIVATE_LIST_IDS } from '../../server/demo/demo-rosters.js';
import type { AuditEvent, List } from '../../server/wire/contract.js';
import { FAKE_CLIENT_ID, startFakeAad, type FakeAad } from '../fakes/fake-aad.js';
import { GRAPH_CLIENT_SECRET, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const TEAM = '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f';
const CHANNEL = '19:icu-private@thread.tacv2';
const GENERAL = '19:general@thread.tacv2';
const CHAT = '19:4d1b7c2e-chat@unq.gbl.spaces';
/** As Teams gives it: the base64 of `0#<meeting chat>#0`. */
const MEETING = Buffer.from('0#19:meeting_abc123@thread.v2#0').toString('base64');
const MEETING_CHAT = '19:meeting_abc123@thread.v2';

const MEMBER = 'oid-member';
const OUTSIDER = 'oid-outsider';

let aad: FakeAad;
let graph: FakeGraph;
let partner: RunningDemoPartner;
let dir: string;
let rounds: RunningRounds;
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

async function start(overrides: Record<string, string> = {}, options: Partial<StartOptions> = {}): Promise<RunningRounds> {
  return startRounds(loadConfig(envFor(overrides)), {
    logger: createLogger('silent'),
    tabDir: '/nonexistent',
    accessTimeoutMs: 1_000,
    ...options,
  });
}

beforeAll(async () => {
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

/** One token per user, as a tab sends the same token until it expires. */
async function tokenOf(oid: string): Promise<string> {
  let token = tokens.get(oid);
  if (!token) {
    token = await aad.mint({ claims: { tid: DEMO_TENANT_R4_ID, oid, name: `Dr. ${oid}` } });
    tokens.set(oid, token);
  }
  return token;
}

interface Answer {
  status: number;
  text: string;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by expect()
  body: any;
}

async function call(oid: string, method: string, path: string, body?: unknown, on: RunningRounds = rounds): Promise<Answer> {
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

const channel = { kind: 'channel', id: CHANNEL, teamId: TEAM } as const;
const channelQuery = `contextKind=channel&contextId=${encodeURIComponent(CHANNEL)}&teamId=${TEAM}`;

async function channelList(): Promise<List> {
  const created = await call(MEMBER, 'POST', '/api/lists', { name: 'ICU huddle', context: channel });
  expect(created.status).toBe(201);
  const list = created.body as List;
  const entry = await call(MEMBER, 'POST', `/api/lists/${list.id}/entries`, { manual: { name: 'Quill, Zed', mrn: 'Q-1' } });
  await call(MEMBER, 'PUT', `/api/lists/${list.id}/entries/${entry.body.id}/note`, { text: 'Only for the team', version: 1 });
  return (await call(MEMBER, 'GET', `/api/lists/${list.id}`)).body as List;
}

describe('members of a channel, a chat and a meeting', () => {
  test('read and write their lists', async () => {
    const contexts = [
      { context: channel, query: channelQuery },
      { context: { kind: 'chat', id: CHAT }, query: `contextKind=chat&contextId=${encodeURIComponent(CHAT)}` },
      {
        context: { kind: 'meeting', id: MEETING, chatId: MEETING_CHAT },
        query: `contextKind=meeting&contextId=${encodeURIComponent(MEETING)}&chatId=${encodeURIComponent(MEETING_CHAT)}`,
      },
    ];
    for (const { context, query } of contexts) {
      const created = await call(MEMBER, 'POST', '/api/lists', { name: `${context.kind} list`, context });
      expect(created.status, context.kind).toBe(201);
      expect(created.body.context).toEqual(context);
      const listed = await call(MEMBER, 'GET', `/api/lists?${query}`);
      expect(listed.status).toBe(200);
      expect((listed.body.lists as List[]).map((l) => l.id)).toContain(created.body.id);
      const entry = await call(MEMBER, 'POST', `/api/lists/${created.body.id}/entries`, { manual: { name: 'Walk, In' } });
      expect(entry.status).toBe(201);
      expect((await call(MEMBER, 'PUT', `/api/lists/${created.body.id}/entries/${entry.body.id}/note`, { text: 'ok', version: 1 })).status).toBe(200);
      expect((await call(MEMBER, 'GET', `/api/lists/${created.body.id}/rows`)).status).toBe(200);
    }
  });

  test('a new channel list must name its team, and a new meeting list its chat', async () => {
    const noTeam = await call(MEMBER, 'POST', '/api/lists', { name: 'x', context: { kind: 'channel', id: CHANNEL } });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.issue[0].diagnostics).toMatch(/^context\.teamId: required/);
    // A meeting list keeps the chat its Teams meeting ID names, even when the tab did not send it.
    const derived = await call(MEMBER, 'POST', '/api/lists', { name: 'x', context: { kind: 'meeting', id: MEETING } });
    expect(derived.status).toBe(201);
    expect(derived.body.context).toEqual({ kind: 'meeting', id: MEETING, chatId: MEETING_CHAT });
    // A meeting ID that names no chat needs the chat named.
    const noChat = await call(MEMBER, 'POST', '/api/lists', { name: 'x', context: { kind: 'meeting', id: 'meeting-of-another-shape' } });
    expect(noChat.status).toBe(400);
    expect(noChat.body.issue[0].diagnostics).toMatch(/^context\.chatId: required/);
    const misplaced = await call(MEMBER, 'POST', '/api/lists', { name: 'x', context: { kind: 'chat', id: CHAT, teamId: TEAM } });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.issue[0].diagnostics).toMatch(/teamId/);
  });
});

describe('a tenant member who is not in the channel', () => {
  let list: List;
  let unknown: Answer;
  beforeAll(async () => {
    list = await channelList();
    unknown = await call(OUTSIDER, 'GET', `/api/lists/${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });

  const routes: Array<[string, (l: List) => [string, string, unknown?]]> = [
    ['GET /api/lists?context', () => ['GET', `/api/lists?${channelQuery}`]],
    ['POST /api/lists in the channel', () => ['POST', '/api/lists', { name: 'Mine now', context: channel }]],
    ['POST /api/lists/import into the channel', () => ['POST', `/api/lists/import?${channelQuery}`, 'name,mrn\nZed Quill,Q-1\n']],
    ['GET /api/lists/:id', (l) => ['GET', `/api/lists/${l.id}`]],
    ['PATCH /api/lists/:id', (l) => ['PATCH', `/api/lists/${l.id}`, { version: l.version, name: 'Taken over' }]],
    ['DELETE /api/lists/:id', (l) => ['DELETE', `/api/lists/${l.id}`]],
    ['GET /api/lists/:id/rows', (l) => ['GET', `/api/lists/${l.id}/rows`]],
    ['GET /api/lists/:id/export?format=csv', (l) => ['GET', `/api/lists/${l.id}/export?format=csv`]],
    ['GET /api/lists/:id/export?format=fhir', (l) => ['GET', `/api/lists/${l.id}/export?format=fhir`]],
    ['POST /api/lists/:id/entries', (l) => ['POST', `/api/lists/${l.id}/entries`, { manual: { name: 'Intruder' } }]],
    ['DELETE /api/lists/:id/entries/:entryId', (l) => ['DELETE', `/api/lists/${l.id}/entries/${l.entries[0]!.id}`]],
    ['PUT /api/lists/:id/entries/:entryId/note', (l) => ['PUT', `/api/lists/${l.id}/entries/${l.entries[0]!.id}/note`, { text: 'x', version: 2 }]],
    ['GET /api/audit?listId=', (l) => ['GET', `/api/audit?listId=${l.id}`]],
    ['GET /api/patients/:id?listId=', (l) => ['GET', `/api/patients/nobody?listId=${l.id}`]],
  ];

  test.each(routes)('%s answers the 404 of an unknown list, byte for byte', async (_route, request) => {
    const [method, path, body] = request(list);
    const answer = await call(OUTSIDER, method, path, body);
    expect(answer.status).toBe(404);
    expect(answer.text).toBe(unknown.text);
    expect(answer.text).not.toMatch(/ICU huddle|Quill|Only for the team/);
  });

  test('changes nothing, and every refusal is on the trail as access.denied, without PHI', async () => {
    const after = await call(MEMBER, 'GET', `/api/lists/${list.id}`);
    expect(after.body.name).toBe('ICU huddle');
    expect(after.body.entries).toHaveLength(1);
    const events = (await call(MEMBER, 'GET', `/api/audit?listId=${list.id}&limit=500`)).body.events as AuditEvent[];
    const denied = events.filter((e) => e.type === 'access.denied');
    expect(denied.length).toBeGreaterThanOrEqual(10);
    expect(denied.every((e) => e.userId === OUTSIDER && e.contextKind === 'channel')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Quill|Only for the team/);
  });

  test("a deleted channel list's trail stays readable by the channel's members, and by them only", async () => {
    const doomed = await channelList();
    expect((await call(MEMBER, 'DELETE', `/api/lists/${doomed.id}`)).status).toBe(204);
    const trail = await call(MEMBER, 'GET', `/api/audit?listId=${doomed.id}`);
    expect(trail.status).toBe(200);
    expect((trail.body.events as AuditEvent[])[0]!.type).toBe('list.deleted');
    expect((await call(OUTSIDER, 'GET', `/api/audit?listId=${doomed.id}`)).text).toBe(unknown.text);
    // The outsider's refusal is now the newest event: the trail is still checked against the list's own team.
    expect((await call(MEMBER, 'GET', `/api/audit?listId=${doomed.id}`)).status).toBe(200);
  });

  test("cannot reach a meeting's lists by naming a chat of their own", async () => {
    const own = '19:outsiders-own-chat@thread.v2';
    graph.rosters.chats[own] = [OUTSIDER];
    const meetingList = await call(MEMBER, 'POST', '/api/lists', { name: 'Huddle', context: { kind: 'meeting', id: MEETING, chatId: MEETING_CHAT } });
    expect(meetingList.status).toBe(201);
    const forged = `contextKind=meeting&contextId=${encodeURIComponent(MEETING)}&chatId=${encodeURIComponent(own)}`;
    const listed = await call(OUTSIDER, 'GET', `/api/lists?${forged}`);
    expect(listed.status).toBe(404);
    expect(listed.text).toBe(unknown.text);
    const created = await call(OUTSIDER, 'POST', '/api/lists', { name: 'Mine', context: { kind: 'meeting', id: MEETING, chatId: own } });
    expect(created.status).toBe(400);
    expect((await call(OUTSIDER, 'GET', `/api/lists/${meetingList.body.id}`)).text).toBe(unknown.text);
    // The members' view is unchanged: their lists, under their chat.
    const members = await call(MEMBER, 'GET', `/api/lists?contextKind=meeting&contextId=${encodeURIComponent(MEETING)}&chatId=${encodeURIComponent(MEETING_CHAT)}`);
    expect((members.body.lists as List[]).every((l) => l.context.kind === 'meeting' && l.context.chatId === MEETING_CHAT)).toBe(true);
  });

  test('is not a member of the chat or the meeting either', async () => {
    const chatList = await call(MEMBER, 'POST', '/api/lists', { name: 'Chat', context: { kind: 'chat', id: CHAT } });
    expect((await call(OUTSIDER, 'GET', `/api/lists/${chatList.body.id}`)).text).toBe(unknown.text);
    const meetingList = await call(MEMBER, 'POST', '/api/lists', {
      name: 'Meeting',
      context: { kind: 'meeting', id: MEETING, chatId: MEETING_CHAT },
    });
    expect((await call(OUTSIDER, 'GET', `/api/lists/${meetingList.body.id}`)).text).toBe(unknown.text);
  });
});

describe('a channel list made before lists kept their team', () => {
  test('is refused until a member opens the channel from Teams, which binds it to the team', async () => {
    const legacyChannel = '19:legacy@thread.tacv2';
    graph.rosters.teams[TEAM]![legacyChannel] = [MEMBER];
    const store = new SqliteStore(join(dir, 'rounds.db'));
    const legacy = await store.createList(
      DEMO_TENANT_R4_ID,
      {
        id: randomUUID(),
        name: 'Old list',
        context: { kind: 'channel', id: legacyChannel },
        columns: ['name'],
        createdBy: 'Dr. Old',
        createdAt: '2026-01-01T08:00:00.000Z',
      },
      [],
      100,
    );
    await store.close();
    // Opened directly, it cannot be checked: the unknown list's 404, for its members too.
    expect((await call(MEMBER, 'GET', `/api/lists/${legacy!.id}`)).status).toBe(404);
    // An outsider naming the team binds nothing.
    const query = `contextKind=channel&contextId=${encodeURIComponent(legacyChannel)}&teamId=${TEAM}`;
    expect((await call(OUTSIDER, 'GET', `/api/lists?${query}`)).status).toBe(404);
    expect((await call(MEMBER, 'GET', `/api/lists/${legacy!.id}`)).status).toBe(404);
    // A member opening the channel from Teams (the tab names the team) binds it.
    const listed = await call(MEMBER, 'GET', `/api/lists?${query}`);
    expect((listed.body.lists as List[]).map((l) => l.context)).toEqual([{ kind: 'channel', id: legacyChannel, teamId: TEAM }]);
    const opened = await call(MEMBER, 'GET', `/api/lists/${legacy!.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.context.teamId).toBe(TEAM);
  });
});

describe('the cost of asking', () => {
  test('200 concurrent requests of one user in one channel make one Graph call and one on-behalf-of exchange', async () => {
    const created = await call(MEMBER, 'POST', '/api/lists', { name: 'Busy', context: channel });
    const oid = 'oid-busy';
    graph.rosters.teams[TEAM]![CHANNEL]!.push(oid);
    const [callsBefore, exchangesBefore] = [graph.calls(), graph.exchanges()];
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => call(oid, 'GET', i % 2 ? `/api/lists/${created.body.id}` : `/api/lists/${created.body.id}/rows`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 200 }, () => 200));
    expect(graph.calls() - callsBefore).toBe(1);
    expect(graph.exchanges() - exchangesBefore).toBe(1);
  });

  test('a user removed from the channel loses access once the answer expires (ACCESS_CACHE_SECONDS)', async () => {
    const oid = 'oid-leaver';
    graph.rosters.teams[TEAM]![CHANNEL]!.push(oid);
    const short = await start({ ACCESS_CACHE_SECONDS: '1' });
    try {
      const created = await call(oid, 'POST', '/api/lists', { name: 'Leaving', context: channel }, short);
      expect(created.status).toBe(201);
      const roster = graph.rosters.teams[TEAM]![CHANNEL]!;
      roster.splice(roster.indexOf(oid), 1);
      // Within the cache time the answer stands; past it, Graph is asked again and says no.
      expect((await call(oid, 'GET', `/api/lists/${created.body.id}`, undefined, short)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await call(oid, 'GET', `/api/lists/${created.body.id}`, undefined, short)).status).toBe(404);
    } finally {
      await short.close();
    }
  });
});

describe('when membership cannot be checked', () => {
  let list: List;
  beforeAll(async () => {
    list = await channelList();
  });

  /** A user whose answer is not cached yet. */
  function freshMember(): string {
    const oid = `oid-${randomUUID()}`;
    graph.rosters.teams[TEAM]![CHANNEL]!.push(oid);
    return oid;
  }

  test.each([
    ['Graph answers 503', { kind: 'unavailable', retryAfter: 7 } as const, '7'],
    ['Graph hangs past the deadline', { kind: 'hang' } as const, '5'],
    ['Graph lacks a permission', { kind: 'missing-scope' } as const, '60'],
  ])('%s: 503 with Retry-After, an outcome that says so, and no data', async (_case, fault, retryAfter) => {
    graph.setFault(fault);
    try {
      const answer = await call(freshMember(), 'GET', `/api/lists/${list.id}/rows`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe(retryAfter);
      expect(answer.body.resourceType).toBe('OperationOutcome');
      expect(answer.body.issue[0].diagnostics).toMatch(/membership of this Teams context could not be checked/);
      expect(answer.text).not.toMatch(/Quill|ICU huddle/);
    } finally {
      graph.setFault({ kind: 'none' });
    }
  });

  test('a 429 whose Retry-After fits the deadline is waited out', async () => {
    graph.setFault({ kind: 'throttled', retryAfter: 0, times: 1 });
    try {
      expect((await call(freshMember(), 'GET', `/api/lists/${list.id}`)).status).toBe(200);
    } finally {
      graph.setFault({ kind: 'none' });
    }
  });

  test('a Conditional Access policy on Graph (AADSTS50076) is a 403 that sends the clinician to an administrator', async () => {
    graph.setOboFault('mfa-required');
    try {
      const answer = await call(freshMember(), 'GET', `/api/lists/${list.id}`);
      expect(answer.status).toBe(403);
      expect(answer.body.issue[0].diagnostics).toMatch(/sign-in policy stops Rounds from checking your Teams membership/);
      expect(answer.text).not.toMatch(/Quill|ICU huddle/);
    } finally {
      graph.setOboFault('none');
    }
  });

  test('consent not yet granted (AADSTS65001) is a 503 that says an administrator must consent', async () => {
    graph.setOboFault('consent-required');
    try {
      const answer = await call(freshMember(), 'GET', `/api/lists/${list.id}`);
      expect(answer.status).toBe(503);
      expect(answer.body.issue[0].diagnostics).toMatch(/administrator must first consent/);
    } finally {
      graph.setOboFault('none');
    }
  });
});

describe('configuration', () => {
  test('/api/health says in words when the check is off', async () => {
    const graphHealth = await (await fetch(`${rounds.url}/api/health`)).json();
    expect(graphHealth).toMatchObject({ status: 'ok', teamsAccessCheck: 'graph' });
    expect(graphHealth).not.toHaveProperty('warnings');
    const off = await start({ TEAMS_ACCESS_CHECK: 'off' });
    try {
      const health = await (await fetch(`${off.url}/api/health`)).json();
      expect(health.teamsAccessCheck).toBe('off');
      expect(health.warnings[0]).toMatch(/Teams membership is not checked/);
      // Off: a tenant member outside the channel opens the list, as the deployment chose.
      const list = await call(MEMBER, 'POST', '/api/lists', { name: 'Open', context: { kind: 'channel', id: CHANNEL } }, off);
      expect((await call(OUTSIDER, 'GET', `/api/lists/${list.body.id}`, undefined, off)).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});

describe('demo mode', () => {
  test('simulates the rosters: one clinician is in the private channel, the other gets the unknown list\'s 404', async () => {
    const demo = await startRounds(
      loadConfig({ NODE_ENV: 'test', DEMO: '1', PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'demo.db')}`, LOG_LEVEL: 'silent' }),
      { logger: createLogger('silent'), tabDir: '/nonexistent' },
    );
    try {
      const [first, second] = DEMO_TENANT_DEFINITIONS[2]!.clinicians;
      const signIn = async (userId: string): Promise<string> => {
        const res = await fetch(`${demo.url}/api/demo/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId }),
        });
        return ((await res.json()) as { token: string }).token;
      };
      const as = async (userId: string, method: string, path: string, body?: unknown): Promise<Response> =>
        fetch(`${demo.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${await signIn(userId)}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const privateChannel = { kind: 'channel', id: DEMO_PRIVATE_CHANNEL_ID, teamId: TEAM };
      const created = await as(first!.userId, 'POST', '/api/lists', { name: 'ICU huddle', context: privateChannel });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as List;
      expect((await as(first!.userId, 'GET', `/api/lists/${id}`)).status).toBe(200);
      const refused = await as(second!.userId, 'GET', `/api/lists/${id}`);
      expect(refused.status).toBe(404);
      expect(await refused.text()).toBe(await (await as(second!.userId, 'GET', `/api/lists/${randomUUID()}`)).text());
      // Every other channel of the demo is open to both.
      const ward = { kind: 'channel', id: '19:ward-4@thread.tacv2', teamId: TEAM };
      const shared = (await (await as(first!.userId, 'POST', '/api/lists', { name: 'Ward 4', context: ward })).json()) as List;
      expect((await as(second!.userId, 'GET', `/api/lists/${shared.id}`)).status).toBe(200);
      expect(((await (await fetch(`${demo.url}/api/health`)).json()) as { teamsAccessCheck: string }).teamsAccessCheck).toBe('demo');
      // The demo keeps a list in each hospital's private channel, so the refusal can be seen with `/?listId=`.
      const seeded = DEMO_PRIVATE_LIST_IDS[DEMO_TENANT_R4_ID]!;
      const opened = await as(first!.userId, 'GET', `/api/lists/${seeded}`);
      expect(opened.status).toBe(200);
      expect(((await opened.json()) as List).context).toMatchObject({ kind: 'channel', id: DEMO_PRIVATE_CHANNEL_ID });
      expect((await as(second!.userId, 'GET', `/api/lists/${seeded}`)).status).toBe(404);
    } finally {
      await demo.close();
    }
  });
});
