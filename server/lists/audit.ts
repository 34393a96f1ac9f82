// The append-only audit trail, modelled on the retired app's audit events (AUDIT_EVENT_TYPES). Events say who,
// which tenant, when, and which list, entry and patient ids: never note text, names or search terms.
import { v7 as timeOrderedUuid } from 'uuid';
import { AUDIT_EVENT_TYPES, type AuditEvent, type Entry, type List, type ListContext } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import type { AuditPage, ListStore, StoredAuditEvent } from './list-store.js';
import { listNotFound, type ContextAccess } from './access.js';

export interface AuditRecord {
  type: AuditEvent['type'];
  tenantId: string;
  userId: string;
  listId?: string;
  patientId?: string;
  entryId?: string;
  /** The list's Teams context, kept so a deleted list's trail still follows its visibility rule. */
  context?: ListContext;
  /** `patient.searched`: the kinds of criteria, never their values. */
  criteria?: string[];
}

/** The event of a change to (or a view of) a list, or of one of its entries when `entry` is given. */
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
    ...(entry ? { entryId: entry.id, ...(entry.patientId ? { patientId: entry.patientId } : {}) } : {}),
    context: list.context,
  };
}

/** How features record events: alone (views, exports, refusals), or stamped to go into a write's transaction. */
export interface AuditLog {
  /** The events as stored (an id and the time added), for a store write that keeps them with its change. */
  stamp(events: readonly AuditRecord[]): StoredAuditEvent[];
  /** Appends events that go with no change, in one insert. */
  record(...events: AuditRecord[]): Promise<void>;
}

interface PendingBatch {
  events: StoredAuditEvent[];
  done: Promise<void>;
}

/**
 * Events that go with no change (views, exports, refusals) are committed in groups: every event recorded
 * in the same turn of the event loop goes into one insert, and each caller's promise settles when that
 * insert has committed (or failed). A list loaded 100 times a second costs a few commits, not 100 fsyncs.
 */
export class StoreAuditLog implements AuditLog {
  private pending?: PendingBatch;

  constructor(
    private readonly store: ListStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Event ids are UUIDv7 (RFC 9562): time-ordered, so the unique index on them grows at its end instead of at
   * random places (a random v4 id doubled the cost of an insert, measured with 50 events per insert).
   */
  stamp(events: readonly AuditRecord[]): StoredAuditEvent[] {
    const at = this.now().toISOString();
    return events.map((event) => ({ ...event, id: timeOrderedUuid(), at }));
  }

  record(...events: AuditRecord[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    if (!this.pending) {
      const batch: StoredAuditEvent[] = [];
      const done = new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          this.pending = undefined;
          this.store.appendAudit(batch).then(resolve, reject);
        });
      });
      this.pending = { events: batch, done };
    }
    this.pending.events.push(...this.stamp(events));
    return this.pending.done;
  }
}

/** The events whose context is the list's own, as stored with it. */
const OWN_EVENT_TYPES = AUDIT_EVENT_TYPES.filter((type) => type !== 'access.denied');

/** GET /api/audit: a list's trail, for those who may see the list. */
export class AuditTrail {
  constructor(
    private readonly store: ListStore,
    private readonly access: ContextAccess,
  ) {}

  /**
   * The list's events in the caller's tenant, newest first. A deleted list's trail stays readable by whoever
   * may see its context; a list this user cannot see (or never existed) is a 404.
   */
  async forList(user: User, listId: string, limit: number, page: AuditPage = {}): Promise<AuditEvent[]> {
    const context = (await this.store.getList(user.tenantId, listId))?.context ?? (await this.deletedListContext(user.tenantId, listId));
    if (!context) throw listNotFound();
    await this.access.assertVisible(user, context, listId);
    const events = await this.store.auditForList(user.tenantId, listId, limit, page);
    return events.map(({ context: eventContext, ...event }) =>
      eventContext ? { ...event, contextKind: eventContext.kind } : event,
    );
  }

  /** A deleted list's context, from its newest event of the list's own (a refusal names what the caller sent). */
  private async deletedListContext(tenantId: string, listId: string): Promise<ListContext | undefined> {
    const [newest] = await this.store.auditForList(tenantId, listId, 1, { types: OWN_EVENT_TYPES });
    return newest?.context;
  }
}
