// The append-only audit trail, modelled on the retired app's audit events (AUDIT_EVENT_TYPES). Events say who,
// which tenant, when, and which list, entry and patient ids: never note text, names or search terms.
import { randomUUID } from 'node:crypto';
import type { AuditEvent, Entry, List, ListContext } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import type { ListStore } from './list-store.js';
import { assertContextVisible, listNotFound } from './access.js';

export interface AuditRecord {
  type: AuditEvent['type'];
  tenantId: string;
  userId: string;
  listId?: string;
  patientId?: string;
  entryId?: string;
  /** The list's Teams context, kept so a deleted list's trail still follows its visibility rule. */
  context?: ListContext;
}

/** The event of a change to a list, or to one of its entries when `entry` is given. */
export function listEvent(
  user: User,
  list: Pick<List, 'id' | 'context'>,
  type: AuditEvent['type'],
  entry?: Pick<Entry, 'id' | 'patientId'>,
): AuditRecord {
  return {
    type,
    tenantId: user.tenantId,
    userId: user.userId,
    listId: list.id,
    ...(entry ? { entryId: entry.id, patientId: entry.patientId } : {}),
    context: list.context,
  };
}

/** What other features (patient search, patient detail) use to record their events. */
export interface AuditLog {
  record(event: AuditRecord): Promise<void>;
}

/** The audit log with its read side, for GET /api/audit. */
export interface AuditTrail extends AuditLog {
  forList(user: User, listId: string, limit: number): Promise<AuditEvent[]>;
}

export class StoreAuditLog implements AuditTrail {
  constructor(
    private readonly store: ListStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(event: AuditRecord): Promise<void> {
    await this.store.appendAudit({ ...event, id: randomUUID(), at: this.now().toISOString() });
  }

  /**
   * The list's events in the caller's tenant, newest first. A deleted list's trail stays readable;
   * a list this user cannot see (or never existed) is a 404.
   */
  async forList(user: User, listId: string, limit: number): Promise<AuditEvent[]> {
    const [list, events] = await Promise.all([
      this.store.getList(user.tenantId, listId),
      this.store.auditForList(user.tenantId, listId, limit),
    ]);
    const context = list?.context ?? events.find((e) => e.context)?.context;
    if (!list && events.length === 0) throw listNotFound();
    if (context) assertContextVisible(user, context);
    return events.map(({ context: _context, ...event }) => event);
  }
}
