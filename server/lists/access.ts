// Who may see the lists of a Teams context. The tenant is already filtered by the store; within it, a personal
// context belongs to its user alone, and a channel, chat or meeting to the members of its roster (the channel's
// team, the chat, the meeting's chat), asked through a Membership (Microsoft Graph, or the demo's teams).
import type { ListContext } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import { badRequest, notFound, type ApiError } from '../errors.js';
import type { Membership, RosterContext } from '../teams/membership.js';
import type { AuditLog } from './audit.js';

/** The same 404 for a list that does not exist, is another tenant's, or is in a context the user is not in. */
export const listNotFound = (): ApiError => notFound('List not found');

/**
 * The meeting chat a Teams meeting ID names: `meeting.id` is the base64 of `0#<chat thread id>#0`, the chat
 * whose roster is the meeting's. Undefined for an ID of another shape.
 */
export function chatOfMeeting(meetingId: string): string | undefined {
  const decoded = Buffer.from(meetingId, 'base64').toString('utf8');
  return /^\d+#(19:meeting_[A-Za-z0-9_=-]+@thread\.v2)#\d+$/.exec(decoded)?.[1];
}

/**
 * The roster to ask about, or undefined when there is none that can be trusted: a channel list made before
 * rosters were kept, or a meeting whose named chat is not the one its ID names (a meeting is checked against
 * its own chat, never against one the caller chose).
 */
export function rosterOf(context: ListContext): RosterContext | undefined {
  if (context.kind === 'channel') return context.teamId ? { ...context, teamId: context.teamId } : undefined;
  if (context.kind === 'meeting') {
    const own = chatOfMeeting(context.id);
    if (own && context.chatId && own !== context.chatId) return undefined;
    const chatId = own ?? context.chatId;
    return chatId ? { kind: 'meeting', id: context.id, chatId } : undefined;
  }
  if (context.kind === 'chat') return context;
  return undefined;
}

/**
 * Whether a context named from Teams may bind the older lists of its context to its roster once membership is
 * confirmed: a channel's team is confirmed by Graph itself (it refuses a channel that is not in the team); a
 * meeting's chat only when the meeting ID names that very chat.
 */
export function isBindable(context: ListContext): boolean {
  if (context.kind === 'channel') return context.teamId !== undefined;
  if (context.kind === 'meeting') return context.chatId !== undefined && chatOfMeeting(context.id) === context.chatId;
  return false;
}

export interface ContextAccessDeps {
  /** Absent when TEAMS_ACCESS_CHECK=off: every member of the tenant sees every shared context. */
  membership?: Membership;
  audit: AuditLog;
}

export class ContextAccess {
  constructor(private readonly deps: ContextAccessDeps) {}

  /** Whether new channel and meeting lists must name their roster (they can only be checked with it). */
  get checksRosters(): boolean {
    return this.deps.membership !== undefined;
  }

  /**
   * Throws the 404 of an unknown list when the user may not see the context, and records the refusal
   * (`access.denied`: who, the context, the list when there is one; no PHI). A roster that cannot be asked
   * throws its own 503: never an open door.
   */
  async assertVisible(user: User, context: ListContext, listId?: string): Promise<void> {
    if (await this.isVisible(user, context)) return;
    await this.deps.audit.record({
      type: 'access.denied',
      tenantId: user.tenantId,
      userId: user.userId,
      ...(listId ? { listId } : {}),
      context,
    });
    throw listNotFound();
  }

  /** A new list's context must name its roster when rosters are checked, so it can be checked later. */
  assertCreatable(context: ListContext): void {
    if (!this.checksRosters) return;
    if (context.kind === 'channel' && !context.teamId)
      throw badRequest("context.teamId: required for a channel list: the team's Microsoft 365 group ID");
    if (context.kind === 'meeting' && !rosterOf(context))
      throw badRequest("context.chatId: required for a meeting list: the meeting chat's ID, the one its meeting ID names");
  }

  private async isVisible(user: User, context: ListContext): Promise<boolean> {
    if (context.kind === 'personal') return context.id === user.userId;
    const { membership } = this.deps;
    if (!membership) return true;
    const roster = rosterOf(context);
    // A channel or meeting list made before rosters were kept: only a member opening it from Teams binds it.
    if (!roster) return false;
    return membership.isMember(user, roster);
  }
}
