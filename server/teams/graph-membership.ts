// Membership asked of Microsoft Graph, as the user (delegated permissions, on-behalf-of):
// - a channel (standard, private or shared): teams/{team}/channels/{channel}/doesUserHaveAccess
//   (learn.microsoft.com/graph/api/channel-doesuserhaveaccess; ChannelMember.Read.All);
// - a chat, and a meeting through its chat: the chat read as the user (learn.microsoft.com/graph/api/chat-get;
//   Chat.ReadBasic): 200 for a member, 403 for anyone else, 404 for a chat that does not exist.
import { serviceUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import type { User } from '../auth/user.js';
import type { Membership, RosterContext } from './membership.js';
import type { OnBehalfOf } from './on-behalf-of.js';
import { MEMBERSHIP_UNCHECKED, callWithin, type GraphAnswer } from './graph-http.js';

export interface GraphMembershipOptions {
  graphUrl: string;
  tokens: OnBehalfOf;
  logger: Logger;
  /** The whole check's time (exchange, Graph, waits for Retry-After). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** An OData string literal: quotes doubled, the whole percent-encoded. */
const odataString = (value: string): string => encodeURIComponent(`'${value.replace(/'/g, "''")}'`);

/** Graph's error message, e.g. "Missing scope permissions on the request. …". */
function graphMessage(body: unknown): string {
  const error = typeof body === 'object' && body !== null ? (body as { error?: { message?: unknown } }).error : undefined;
  return typeof error?.message === 'string' ? error.message : '';
}

export class GraphMembership implements Membership {
  private readonly told = new Set<string>();

  constructor(private readonly options: GraphMembershipOptions) {}

  async isMember(user: User, context: RosterContext): Promise<boolean> {
    const deadline = Date.now() + (this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const path = this.pathOf(user, context);
    const answer = await this.get(user, path, deadline);
    if (answer.status === 401) {
      // The Graph token was refused (revoked, expired early): exchange again once.
      this.options.tokens.forget(user);
      return this.judge(context, await this.get(user, path, deadline));
    }
    return this.judge(context, answer);
  }

  private pathOf(user: User, context: RosterContext): string {
    if (context.kind === 'channel') {
      const team = encodeURIComponent(context.teamId);
      const channel = encodeURIComponent(context.id);
      return `/v1.0/teams/${team}/channels/${channel}/doesUserHaveAccess(userId=${odataString(user.userId)},tenantId=${odataString(user.tenantId)})`;
    }
    const chat = context.kind === 'meeting' ? context.chatId : context.id;
    return `/v1.0/chats/${encodeURIComponent(chat)}?$select=id`;
  }

  private async get(user: User, path: string, deadline: number): Promise<GraphAnswer> {
    const token = await this.options.tokens.graphToken(user, deadline);
    return callWithin(
      `${this.options.graphUrl}${path}`,
      { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
      { deadline, who: 'Microsoft Graph' },
    );
  }

  private judge(context: RosterContext, answer: GraphAnswer): boolean {
    const { status, body } = answer;
    if (status === 200) {
      if (context.kind !== 'channel') return true;
      const value = typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
      if (typeof value === 'boolean') return value;
      throw serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: Microsoft Graph sent an answer that could not be read`, 5);
    }
    if (status === 403 && /^Missing scope permissions/i.test(graphMessage(body))) {
      this.tellAdmin(
        'scope',
        'Microsoft Graph refused Rounds for a missing permission ("Missing scope permissions"): grant admin consent ' +
          'to the delegated permissions ChannelMember.Read.All and Chat.ReadBasic; see docs/admin-guide.md',
      );
      throw serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: Rounds lacks a Microsoft Graph permission; ask your administrator`, 60);
    }
    // Not a member (403), no such chat, team or channel (404), or an id Graph cannot read (400): a "no".
    if (status === 403 || status === 404 || status === 400) return false;
    throw serviceUnavailable(`${MEMBERSHIP_UNCHECKED}: Microsoft Graph answered ${status}`, 5);
  }

  private tellAdmin(key: string, message: string): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    this.options.logger.error(message);
  }
}
