// Access follows Teams membership (issue #10), when it cannot be checked, how it is configured, and in demo mode
// (test/support/teams-world.ts).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { startRounds } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { DEMO_TENANT_DEFINITIONS, DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';
import { DEMO_PRIVATE_CHANNEL_ID, DEMO_PRIVATE_LIST_IDS } from '../../server/demo/demo-rosters.js';
import type { List } from '../../server/wire/contract.js';
import {
  CHANNEL,
  MEMBER,
  OUTSIDER,
  TEAM,
  call,
  channelList,
  dir,
  graph,
  rounds,
  setUpTeamsWorld,
  start,
} from '../support/teams-world.js';

setUpTeamsWorld();

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
