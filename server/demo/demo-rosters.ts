// The demo's Teams rosters (TEAMS_ACCESS_CHECK in demo mode): every demo clinician belongs to the demo teams,
// chats and meetings, except one private channel per hospital whose only member is its first clinician, so a
// refusal can be seen: the other clinicians get the 404 of an unknown list for that channel's lists.
import type { User } from '../auth/user.js';
import type { ListStore } from '../lists/list-store.js';
import type { Membership, RosterContext } from '../teams/membership.js';
import { DEMO_TENANT_DEFINITIONS, type DemoTenantDefinition } from './tenants.js';

/** The private channel of every demo hospital ("ICU huddle"). */
export const DEMO_PRIVATE_CHANNEL_ID = '19:demo-icu-huddle@thread.tacv2';
/** The demo team that owns it (a Microsoft 365 group ID). */
export const DEMO_TEAM_ID = '0d3a7c1e-5b2f-4e8a-9c6d-7f1e2a3b4c5d';

/** The list kept in each hospital's private channel, by tenant: open `/?listId=<id>` to see the refusal. */
export const DEMO_PRIVATE_LIST_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  DEMO_TENANT_DEFINITIONS.map((tenant, i) => [tenant.tenantId, `5e1ec7ed-0000-4000-8000-00000000000${i + 1}`]),
);

/**
 * Puts an "ICU huddle" list in each hospital's private channel, made by its only member, once: the other
 * clinicians opening `/?listId=<id>` are told the list does not exist, as anyone outside a channel is.
 */
export async function seedPrivateChannelLists(store: ListStore, tenants: readonly DemoTenantDefinition[] = DEMO_TENANT_DEFINITIONS): Promise<void> {
  for (const tenant of tenants) {
    const id = DEMO_PRIVATE_LIST_IDS[tenant.tenantId];
    const owner = tenant.clinicians[0];
    if (!id || !owner || (await store.getList(tenant.tenantId, id))) continue;
    await store.createList(
      tenant.tenantId,
      {
        id,
        name: 'ICU huddle (private channel)',
        context: { kind: 'channel', id: DEMO_PRIVATE_CHANNEL_ID, teamId: DEMO_TEAM_ID },
        columns: ['name', 'mrn', 'age', 'location', 'note'],
        createdBy: owner.name,
        createdAt: new Date().toISOString(),
      },
      [],
      Number.MAX_SAFE_INTEGER,
    );
  }
}

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
