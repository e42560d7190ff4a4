import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, pgArrayLiteral, queryRows } from '../db/index.js';

// Routing decides who gets which conversation; these set-wise statements write what it decided, each
// conversation with its timeline entry and audit record (one owner of conversations and messages).

/** One conversation routing gives to one agent; `version` is the row's xmin when routing read it. */
export type Assignment = {
  conversationId: string;
  clientId: string;
  agentId: string;
  agentName: string;
  reason: string;
  version: string;
};

const uuidArray = (values: readonly string[]): SQL => sql`${pgArrayLiteral(values)}::uuid[]`;
const textArray = (values: readonly string[]): SQL => sql`${pgArrayLiteral(values)}::text[]`;
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A conversation's language, once, from its first customer message (channels may also set it themselves): for
 * the waiting, unassigned conversations of these clients, before routing matches them to agents who speak it.
 */
export async function fillConversationLanguages(db: DbOrTx, clientIds: readonly string[]): Promise<void> {
  await db.execute(
    sql`UPDATE conversations c SET language = first.language
      FROM (
        SELECT c2.client_id, c2.id,
          (SELECT m.language FROM messages m
            WHERE m.client_id = c2.client_id AND m.conversation_id = c2.id AND m.kind = 'incoming'
            ORDER BY m.created_at LIMIT 1) AS language
        FROM conversations c2
        WHERE c2.client_id = ANY(${uuidArray(clientIds)}) AND c2.assignee_id IS NULL AND c2.status = 'open'
          AND c2.waiting_since IS NOT NULL AND c2.language IS NULL
      ) first
      WHERE c.client_id = first.client_id AND c.id = first.id AND first.language IS NOT NULL`,
  );
}

/**
 * The conversations, timeline entries and audit records of some assignments, in one statement and one
 * round trip (six array parameters, however many rows). Rows go in index order (client, id).
 *
 * The timeline entry's text lives in its structured `activity` (the desk and the portal render it in the
 * reader's language); its `body_text` stays empty so the full-text index is not filled with one
 * "Routing assigned …" line per conversation.
 */
export async function assignConversations(tx: DbOrTx, writes: readonly Assignment[], at: Date): Promise<Assignment[]> {
  if (writes.length === 0) return [];
  const when = at.toISOString();
  const rows = [...writes].sort((a, b) =>
    a.clientId === b.clientId ? compareText(a.conversationId, b.conversationId) : compareText(a.clientId, b.clientId),
  );
  const updated = await queryRows<{ id: string }>(
    tx,
    sql`WITH v AS (
        SELECT * FROM unnest(${uuidArray(rows.map((w) => w.conversationId))}, ${uuidArray(rows.map((w) => w.clientId))},
          ${uuidArray(rows.map((w) => w.agentId))}, ${textArray(rows.map((w) => w.version))},
          ${textArray(rows.map((w) => w.reason))}, ${textArray(rows.map((w) => w.agentName))})
          AS v(id, client_id, agent_id, version, reason, agent_name)
      ), assigned AS (
        UPDATE conversations c SET assignee_id = v.agent_id, assigned_at = ${when}::timestamptz,
          updated_at = ${when}::timestamptz
        FROM v
        WHERE c.client_id = v.client_id AND c.id = v.id AND c.assignee_id IS NULL AND c.status = 'open'
          AND c.xmin::text = v.version
        RETURNING c.id
      ), timeline AS (
        INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, activity, created_at)
        SELECT v.client_id, v.id, 'activity', 'system', 'Switchboard', '',
          jsonb_build_object('action', 'routed', 'from', NULL, 'to', v.agent_name, 'by', 'routing',
            'reason', v.reason, 'agentId', v.agent_id),
          ${when}::timestamptz
        FROM v JOIN assigned a ON a.id = v.id
      ), audit AS (
        INSERT INTO audit_log (client_id, actor_kind, action, entity, entity_id, data, at)
        SELECT v.client_id, 'system', 'conversation.assign', 'conversation', v.id::text,
          jsonb_build_object('to', v.agent_id, 'reason', v.reason, 'by', 'routing'), ${when}::timestamptz
        FROM v JOIN assigned a ON a.id = v.id
      )
      SELECT id FROM assigned`,
  );
  const ids = new Set(updated.map((r) => r.id));
  return writes.filter((w) => ids.has(w.conversationId));
}

export type ReleasedAssignment = { conversationId: string; clientId: string; agentId: string; agentName: string };

/** Whose work is taken back: an agent's who went offline, or a client's automatic assignments unanswered since `assignedBefore`. */
export type ReleasedWork = { agentId: string } | { clientId: string; assignedBefore: Date };

const releasedWhere = (whose: ReleasedWork): SQL =>
  'agentId' in whose
    ? sql`c.client_id IN (SELECT client_id FROM agent_clients WHERE agent_id = ${whose.agentId}) AND c.assignee_id = ${whose.agentId}`
    : // The customer waited since before the assignment: the agent let it lapse.
      sql`c.client_id = ${whose.clientId} AND c.assigned_at IS NOT NULL
        AND c.assigned_at <= ${whose.assignedBefore.toISOString()}::timestamptz AND c.waiting_since <= c.assigned_at`;

/**
 * Takes work back from agents: open conversations whose customer is still waiting, assigned as `whose` says.
 * Each one's timeline and audit say why. Returns what was released.
 */
export async function releaseWaitingConversations(
  tx: DbOrTx,
  whose: ReleasedWork,
  reason: 'agent-offline' | 'unanswered',
  at: Date,
): Promise<ReleasedAssignment[]> {
  const released = await queryRows<{ id: string; client_id: string; agent_id: string; agent_name: string }>(
    tx,
    sql`WITH target AS (
        SELECT c.client_id, c.id, c.assignee_id FROM conversations c
        WHERE ${releasedWhere(whose)} AND c.status = 'open' AND c.waiting_since IS NOT NULL AND c.assignee_id IS NOT NULL
        FOR UPDATE OF c SKIP LOCKED
      ), done AS (
        UPDATE conversations c SET assignee_id = NULL, assigned_at = NULL, updated_at = ${at.toISOString()}::timestamptz
        FROM target WHERE c.client_id = target.client_id AND c.id = target.id
        RETURNING c.id, c.client_id, target.assignee_id AS agent_id
      )
      SELECT done.id, done.client_id, done.agent_id, u.name AS agent_name
      FROM done JOIN agency_users u ON u.id = done.agent_id`,
  );
  if (released.length === 0) return [];
  const text = reason === 'agent-offline' ? 'went offline' : 'did not answer in time';
  const entries = JSON.stringify(
    released.map((r) => ({
      client_id: r.client_id,
      conversation_id: r.id,
      body: `Routing took the conversation back from ${r.agent_name}, who ${text}`,
      activity: { action: 'released', from: r.agent_name, to: null, by: 'routing', reason, agentId: r.agent_id },
    })),
  );
  await tx.execute(
    sql`INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, activity, created_at)
      SELECT e.client_id, e.conversation_id, 'activity', 'system', 'Switchboard', e.body, e.activity,
        ${at.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${entries}::jsonb) AS e(client_id uuid, conversation_id uuid, body text, activity jsonb)`,
  );
  await tx.execute(
    sql`INSERT INTO audit_log (client_id, actor_kind, action, entity, entity_id, data, at)
      SELECT e.client_id, 'system', 'conversation.unassign', 'conversation', e.conversation_id::text,
        jsonb_build_object('from', e.activity->>'agentId', 'reason', e.activity->>'reason', 'by', 'routing'),
        ${at.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${entries}::jsonb) AS e(client_id uuid, conversation_id uuid, activity jsonb)`,
  );
  return released.map((r) => ({
    conversationId: r.id,
    clientId: r.client_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
  }));
}
