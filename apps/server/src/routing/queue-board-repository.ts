import type { QueueConversation } from '@switchboard/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { uuidList } from './routing-repository.js';

type QueueRecord = {
  id: string;
  number: number;
  client_id: string;
  client_name: string;
  client_prefix: string;
  channel: QueueConversation['channel'];
  subject: string;
  contact_name: string;
  priority: QueueConversation['priority'];
  tier: number;
  flags: string[];
  waiting_since: Date | string | null;
  sla_due_at: Date | string | null;
  assignee_id: string | null;
  preferred_id: string | null;
  preferred_name: string | null;
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

const toQueueConversation = (r: QueueRecord): QueueConversation => ({
  id: r.id,
  number: r.number,
  client: { id: r.client_id, name: r.client_name, prefix: r.client_prefix },
  channel: r.channel,
  subject: r.subject,
  contactName: r.contact_name,
  priority: r.priority,
  tier: r.tier,
  emergency: r.flags.includes('emergency'),
  flags: r.flags,
  waitingSince: iso(r.waiting_since),
  assigneeId: r.assignee_id,
  preferredAgent: r.preferred_id && r.preferred_name ? { id: r.preferred_id, name: r.preferred_name } : null,
  // The earliest pending SLA due time (sla/), null when none applies.
  slaDueAt: iso(r.sla_due_at),
});

/** Open conversations of these clients matching `where` (alias c), at most `perClient` each: oldest waiting first, or most recently changed first. */
export async function listQueueConversations(
  db: DbOrTx,
  clientIds: readonly string[],
  where: SQL,
  perClient: number,
  order: 'queue' | 'recently-changed' = 'queue',
): Promise<QueueConversation[]> {
  if (clientIds.length === 0) return [];
  const rows = await queryRows<QueueRecord>(
    db,
    sql`SELECT c.id, c.number, c.client_id, cl.name AS client_name, cl.ticket_prefix AS client_prefix, c.channel,
        c.subject, ct.name AS contact_name, c.priority, c.tier, c.flags, c.waiting_since, c.sla_due_at, c.assignee_id,
        pa.id AS preferred_id, pa.name AS preferred_name
      FROM unnest(${uuidList(clientIds)}) AS s(client_id)
      CROSS JOIN LATERAL (
        SELECT c.* FROM conversations c
        WHERE c.client_id = s.client_id AND c.status = 'open' AND ${where}
        ORDER BY ${
          order === 'queue'
            ? sql`coalesce(c.waiting_since, 'infinity'::timestamptz), c.id`
            : sql`c.updated_at DESC, c.id`
        }
        LIMIT ${perClient}
      ) c
      JOIN clients cl ON cl.id = c.client_id
      JOIN contacts ct ON ct.client_id = c.client_id AND ct.id = c.contact_id
      LEFT JOIN agency_users pa ON pa.id = coalesce(c.preferred_agent_id, ct.last_agent_id)`,
  );
  return rows.map(toQueueConversation);
}

export type QueueCount = {
  client_id: string;
  client_name: string;
  tier: number;
  waiting: number;
  oldest: Date | string;
};

/** Waiting, unassigned conversations per client and tier: one index range per client. */
export async function countWaiting(db: DbOrTx): Promise<QueueCount[]> {
  const rows = await queryRows<QueueCount & { waiting: number | string }>(
    db,
    sql`SELECT cl.id AS client_id, cl.name AS client_name, w.tier, w.waiting, w.oldest
      FROM clients cl CROSS JOIN LATERAL (
        SELECT c.tier, count(*) AS waiting, min(c.waiting_since) AS oldest FROM conversations c
        WHERE c.client_id = cl.id AND c.assignee_id IS NULL AND c.status = 'open' AND c.waiting_since IS NOT NULL
        GROUP BY c.tier
      ) w
      WHERE cl.active ORDER BY cl.name, w.tier`,
  );
  return rows.map((r) => ({ ...r, waiting: Number(r.waiting) }));
}

export async function listActiveClientIdsForBoard(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id FROM clients WHERE active ORDER BY name`);
  return rows.map((r) => r.id);
}
