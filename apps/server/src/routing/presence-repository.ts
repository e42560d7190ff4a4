import type { Presence } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { uuidList } from './routing-repository.js';

export type PresenceRow = { id: string; presence: Presence; presence_changed_at: Date | string | null };

export async function findPresence(db: DbOrTx, agentId: string): Promise<PresenceRow | undefined> {
  const rows = await queryRows<PresenceRow>(
    db,
    sql`SELECT id, presence, presence_changed_at FROM agency_users WHERE id = ${agentId}`,
  );
  return rows[0];
}

/**
 * Sets presence; returns the previous value (locked for the transaction), or undefined for no such user
 * (or, with `staleBefore`, for one whose desk was seen again since then: a reconnect wins over the sweep).
 */
export async function writePresence(
  tx: DbOrTx,
  agentId: string,
  presence: Presence,
  at: Date,
  staleBefore?: Date,
): Promise<Presence | undefined> {
  const stale = staleBefore
    ? sql`AND (u.desk_seen_at IS NULL OR u.desk_seen_at < ${staleBefore.toISOString()}::timestamptz)`
    : sql``;
  const rows = await queryRows<{ previous: Presence }>(
    tx,
    sql`WITH previous AS (SELECT id, presence FROM agency_users WHERE id = ${agentId} FOR UPDATE)
      UPDATE agency_users u SET presence = ${presence}, presence_changed_at = ${at.toISOString()}::timestamptz,
        desk_seen_at = CASE WHEN ${presence} = 'offline' THEN u.desk_seen_at ELSE ${at.toISOString()}::timestamptz END
      FROM previous WHERE u.id = previous.id ${stale}
      RETURNING previous.presence AS previous`,
  );
  return rows[0]?.previous;
}

/** Heartbeat: these agents have a desk open right now. */
export async function touchDesks(db: DbOrTx, agentIds: readonly string[], at: Date): Promise<void> {
  if (agentIds.length === 0) return;
  await db.execute(
    sql`UPDATE agency_users SET desk_seen_at = ${at.toISOString()}::timestamptz WHERE id = ANY(${uuidList(agentIds)})`,
  );
}

/** Agents marked online or away whose desk has not been seen since `before`. */
export async function listStalePresence(db: DbOrTx, before: Date): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM agency_users WHERE presence <> 'offline'
      AND (desk_seen_at IS NULL OR desk_seen_at < ${before.toISOString()}::timestamptz)`,
  );
  return rows.map((r) => r.id);
}

export async function listServedClientIds(db: DbOrTx, agentId: string): Promise<string[]> {
  const rows = await queryRows<{ client_id: string }>(
    db,
    sql`SELECT client_id FROM agent_clients WHERE agent_id = ${agentId}`,
  );
  return rows.map((r) => r.client_id);
}

/**
 * Whether an agent could take a new chat of this client now: online, serving the client, and with open
 * chats (over every client they serve, as routing counts load) below their chat capacity.
 */
export async function hasAgentWithChatRoom(db: DbOrTx, clientId: string): Promise<boolean> {
  const rows = await queryRows<{ available: boolean }>(
    db,
    sql`SELECT EXISTS (
        SELECT 1 FROM agent_clients ac JOIN agency_users u ON u.id = ac.agent_id
        WHERE ac.client_id = ${clientId} AND u.active AND u.presence = 'online'
          AND coalesce((u.capacity->>'chat')::int, 0) > (
            SELECT count(*) FROM conversations c
            WHERE c.client_id IN (SELECT mine.client_id FROM agent_clients mine WHERE mine.agent_id = u.id)
              AND c.assignee_id = u.id AND c.channel = 'chat' AND c.status = 'open'
          )
      ) AS available`,
  );
  return Boolean(rows[0]?.available);
}
