// Access follows Teams membership (issue #10), over real HTTP (test/support/teams-world.ts): members read and write,
// outsiders get the unknown list's 404 everywhere, older lists bind to their team, and asking costs one Graph call.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openSqliteStore } from '../../server/lists/open-sqlite.js';
import { DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';
import type { AuditEvent, List } from '../../server/wire/contract.js';
import {
  CHANNEL,
  CHAT,
  MEETING,
  MEETING_CHAT,
  MEMBER,
  OUTSIDER,
  TEAM,
  call,
  channel,
  channelList,
  channelQuery,
  dir,
  graph,
  setUpTeamsWorld,
  start,
  type Answer,
} from '../support/teams-world.js';

setUpTeamsWorld();

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
    const store = openSqliteStore(join(dir, 'rounds.db'));
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
