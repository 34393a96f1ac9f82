import { describe, expect, test } from 'vitest';
import { initialListIdOf, listContextOf, routeOf } from '../../tab/app/route';
import { themeNameOf, type TeamsContext } from '../../tab/app/teams';

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
    expect(listContextOf({ ...base, meetingId: 'm-1', chatId: '19:meeting' }, 'u')).toEqual({ kind: 'meeting', id: 'm-1' });
    expect(listContextOf({ ...base, chatId: '19:x' }, 'u')).toEqual({ kind: 'chat', id: '19:x' });
    expect(listContextOf({ ...base, entityId: 'rounds-personal' }, 'user-7')).toEqual({ kind: 'personal', id: 'user-7' });
    expect(listContextOf(undefined, 'user-7')).toEqual({ kind: 'personal', id: 'user-7' });
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
