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

/** The roster to ask about, or undefined when the context does not name it (a list made before rosters). */
export function rosterOf(context: ListContext): RosterContext | undefined {
  if (context.kind === 'channel') return context.teamId ? { ...context, teamId: context.teamId } : undefined;
  if (context.kind === 'meeting') return context.chatId ? { ...context, chatId: context.chatId } : undefined;
  if (context.kind === 'chat') return context;
  return undefined;
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
      context: { kind: context.kind, id: context.id },
    });
    throw listNotFound();
  }

  /** A new list's context must name its roster when rosters are checked, so it can be checked later. */
  assertCreatable(context: ListContext): void {
    if (!this.checksRosters) return;
    if (context.kind === 'channel' && !context.teamId)
      throw badRequest("context.teamId: required for a channel list: the team's Microsoft 365 group ID");
    if (context.kind === 'meeting' && !context.chatId)
      throw badRequest("context.chatId: required for a meeting list: the meeting chat's ID");
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
