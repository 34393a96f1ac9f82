import { describe, expect, test } from 'vitest';
import { initialListIdOf, listContextOf, routeOf } from '../../tab/app/route';
import { teamIdOf, themeNameOf, type TeamsContext } from '../../tab/app/teams';
import { contextParams } from '../../tab/shared/rounds-api';

const base: TeamsContext = { frameContext: 'content', theme: 'default' };

describe('routing from the Teams context', () => {
  test('follows the frame context in Teams, and the path outside it', () => {
    expect(routeOf({ ...base, frameContext: 'settings' }, '/tab')).toBe('config');
    expect(routeOf({ ...base, frameContext: 'remove' }, '/tab')).toBe('remove');
    expect(routeOf(base, '/config')).toBe('lists');
    expect(routeOf(undefined, '/config')).toBe('config');
    expect(routeOf(undefined, '/tab')).toBe('lists');
    expect(routeOf(undefined, '/')).toBe('lists');
  });

  test('derives the list context: channel, meeting, chat, else the user’s own personal space', () => {
    expect(listContextOf({ ...base, channelId: '19:c', chatId: '19:x' }, 'u')).toEqual({ kind: 'channel', id: '19:c' });
    expect(listContextOf({ ...base, meetingId: 'm-1', chatId: '19:meeting' }, 'u')).toEqual({
      kind: 'meeting',
      id: 'm-1',
      chatId: '19:meeting',
    });
    expect(listContextOf({ ...base, chatId: '19:x' }, 'u')).toEqual({ kind: 'chat', id: '19:x' });
    expect(listContextOf({ ...base, entityId: 'rounds-personal' }, 'user-7')).toEqual({ kind: 'personal', id: 'user-7' });
    expect(listContextOf(undefined, 'user-7')).toEqual({ kind: 'personal', id: 'user-7' });
  });

  test("names the channel's team (its group ID) and the meeting's chat: the rosters the server checks", () => {
    const team = '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f';
    expect(listContextOf({ ...base, channelId: '19:c', teamId: team }, 'u')).toEqual({ kind: 'channel', id: '19:c', teamId: team });
    // Standard channel: team.groupId. Private (absent) and shared (null): channel.ownerGroupId.
    expect(teamIdOf({ team: { internalId: '19:t', groupId: team }, channel: { id: '19:c', ownerGroupId: undefined } })).toBe(team);
    expect(teamIdOf({ team: { internalId: '19:t' }, channel: { id: '19:c', ownerGroupId: team } })).toBe(team);
    expect(teamIdOf({ team: { internalId: '19:t', groupId: null as unknown as string }, channel: { id: '19:c', ownerGroupId: team } })).toBe(team);
    expect(teamIdOf({ channel: { id: '19:c' } })).toBeUndefined();
    // Sent with every look-up of a context's lists: that is how older lists get bound to their team.
    expect(contextParams({ kind: 'channel', id: '19:c', teamId: team }).toString()).toBe(
      `contextKind=channel&contextId=19%3Ac&teamId=${team}`,
    );
    expect(contextParams({ kind: 'meeting', id: 'm-1', chatId: '19:meeting' }).toString()).toBe(
      'contextKind=meeting&contextId=m-1&chatId=19%3Ameeting',
    );
  });

  test('takes the list id from a configured tab’s entityId, or from ?listId= outside Teams', () => {
    expect(initialListIdOf({ ...base, channelId: '19:c', entityId: 'list-1' }, '')).toBe('list-1');
    expect(initialListIdOf({ ...base, entityId: 'rounds-personal' }, '')).toBeUndefined();
    expect(initialListIdOf(undefined, '?listId=list-2')).toBe('list-2');
  });

  test('maps Teams themes to ours, treating unknown ones as light', () => {
    expect(themeNameOf('dark')).toBe('dark');
    expect(themeNameOf('contrast')).toBe('contrast');
    expect(themeNameOf('glass')).toBe('default');
    expect(themeNameOf(undefined)).toBe('default');
  });
});
