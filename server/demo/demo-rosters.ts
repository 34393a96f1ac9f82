// The demo's Teams rosters (TEAMS_ACCESS_CHECK in demo mode): every demo clinician belongs to the demo teams,
// chats and meetings, except one private channel per hospital whose only member is its first clinician, so a
// refusal can be seen: the other clinicians get the 404 of an unknown list for that channel's lists.
import type { User } from '../auth/user.js';
import type { Membership, RosterContext } from '../teams/membership.js';
import { DEMO_TENANT_DEFINITIONS, type DemoTenantDefinition } from './tenants.js';

/** The private channel of every demo hospital ("ICU huddle"). */
export const DEMO_PRIVATE_CHANNEL_ID = '19:demo-icu-huddle@thread.tacv2';

export class DemoRosters implements Membership {
  constructor(private readonly tenants: readonly DemoTenantDefinition[] = DEMO_TENANT_DEFINITIONS) {}

  /** Who is in the private channel of this tenant: its first clinician. */
  privateChannelMember(tenantId: string): string | undefined {
    return this.tenants.find((t) => t.tenantId === tenantId)?.clinicians[0]?.userId;
  }

  isMember(user: User, context: RosterContext): Promise<boolean> {
    const tenant = this.tenants.find((t) => t.tenantId === user.tenantId);
    const isClinician = tenant?.clinicians.some((c) => c.userId === user.userId) ?? false;
    if (!isClinician) return Promise.resolve(false);
    if (context.kind === 'channel' && context.id === DEMO_PRIVATE_CHANNEL_ID)
      return Promise.resolve(this.privateChannelMember(user.tenantId) === user.userId);
    return Promise.resolve(true);
  }
}
