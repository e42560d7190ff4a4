import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import type { CapacityChannel, RoutingAgent, WaitingConversation } from './decide-assignments.js';

/** One lock for every routing pass of every process: capacity is shared across clients, so passes serialise. */
const ROUTING_LOCK = 7_301_001;

export async function lockRouting(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ROUTING_LOCK})`);
}

const uuidList = (ids: readonly string[]): SQL =>
  ids.length === 0
    ? sql`ARRAY[]::uuid[]`
    : sql`ARRAY[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`;

export type RoutingAgentRow = RoutingAgent & { name: string };

type AgentRecord = {
  id: string;
  name: string;
  tier: number;
  presence: RoutingAgent['presence'];
  skills: string[];
  languages: string[];
  capacity: Record<CapacityChannel, number>;
  last_assigned_at: Date | string | null;
  client_ids: string[];
};

const toRoutingAgent = (a: AgentRecord, load: Record<CapacityChannel, number>): RoutingAgentRow => ({
  id: a.id,
  name: a.name,
  tier: a.tier,
  presence: a.presence,
  skills: a.skills,
  languages: a.languages,
  clientIds: a.client_ids,
  capacity: { email: a.capacity.email ?? 0, chat: a.capacity.chat ?? 0, phone: a.capacity.phone ?? 0 },
  load,
  lastAssignedAt: a.last_assigned_at === null ? null : new Date(a.last_assigned_at).getTime(),
});

/** Active staff who serve at least one client, with their current open work per channel (online ones, or all). */
export async function loadRoutingAgents(
  db: DbOrTx,
  options: { loadsOf: 'online' | 'all' } = { loadsOf: 'online' },
): Promise<RoutingAgentRow[]> {
  const agents = await queryRows<AgentRecord>(
    db,
    sql`SELECT u.id, u.name, u.tier, u.presence, u.skills, u.languages, u.capacity, u.last_assigned_at,
        array_agg(ac.client_id) AS client_ids
      FROM agency_users u JOIN agent_clients ac ON ac.agent_id = u.id
      WHERE u.active GROUP BY u.id`,
  );
  const online = options.loadsOf === 'all' ? agents : agents.filter((a) => a.presence === 'online');
  const loads = await loadOpenWork(
    db,
    online.map((a) => a.id),
    [...new Set(online.flatMap((a) => a.client_ids))],
  );
  return agents.map((a) => toRoutingAgent(a, loads.get(a.id) ?? { email: 0, chat: 0, phone: 0 }));
}

/**
 * The agents who could take one conversation of this client on this channel now, in one query: active,
 * serving the client, online, under their capacity for the channel (open work counted over every client
 * they serve). The preferred agent comes too whatever their state, so the decision can wait for them.
 * Skills, language, tier and exclusions are the decision's (decideOne).
 */
export async function loadCandidateAgents(
  db: DbOrTx,
  request: { clientId: string; channel: CapacityChannel; preferredAgentId: string | null },
): Promise<RoutingAgentRow[]> {
  const channels = request.channel === 'email' ? sql`('email', 'api')` : sql`(${request.channel})`;
  const rows = await queryRows<AgentRecord & { email: number; chat: number; phone: number }>(
    db,
    sql`SELECT u.id, u.name, u.tier, u.presence, u.skills, u.languages, u.capacity, u.last_assigned_at,
        served.client_ids, work.email, work.chat, work.phone
      FROM agent_clients me
      JOIN agency_users u ON u.id = me.agent_id
      CROSS JOIN LATERAL (
        SELECT array_agg(ac.client_id) AS client_ids FROM agent_clients ac WHERE ac.agent_id = u.id
      ) served
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE c.channel IN ('email', 'api'))::int AS email,
          count(*) FILTER (WHERE c.channel = 'chat')::int AS chat,
          count(*) FILTER (WHERE c.channel = 'phone')::int AS phone,
          count(*) FILTER (WHERE c.channel IN ${channels})::int AS busy
        FROM conversations c
        WHERE c.client_id = ANY(served.client_ids) AND c.assignee_id = u.id AND c.status = 'open'
      ) work
      WHERE me.client_id = ${request.clientId} AND u.active
        AND (u.id = ${request.preferredAgentId}::uuid
          OR (u.presence = 'online' AND work.busy < coalesce((u.capacity->>${request.channel})::int, 0)))`,
  );
  return rows.map((a) => toRoutingAgent(a, { email: a.email, chat: a.chat, phone: a.phone }));
}

/** Open conversations per agent and channel, over every client they serve (one index range per client). */
export async function loadOpenWork(
  db: DbOrTx,
  agentIds: readonly string[],
  clientIds: readonly string[],
): Promise<Map<string, Record<CapacityChannel, number>>> {
  const loads = new Map<string, Record<CapacityChannel, number>>();
  if (agentIds.length === 0 || clientIds.length === 0) return loads;
  const rows = await queryRows<{ assignee_id: string; channel: string; n: number | string }>(
    db,
    sql`SELECT c.assignee_id, c.channel, count(*) AS n FROM conversations c
      WHERE c.client_id = ANY(${uuidList(clientIds)}) AND c.assignee_id = ANY(${uuidList(agentIds)})
        AND c.status = 'open'
      GROUP BY 1, 2`,
  );
  for (const row of rows) {
    const load = loads.get(row.assignee_id) ?? { email: 0, chat: 0, phone: 0 };
    const channel: CapacityChannel = row.channel === 'api' ? 'email' : (row.channel as CapacityChannel);
    load[channel] += Number(row.n);
    loads.set(row.assignee_id, load);
  }
  return loads;
}

export type BacklogRow = WaitingConversation & { version: string };

type BacklogRecord = {
  id: string;
  client_id: string;
  channel: WaitingConversation['channel'];
  priority: WaitingConversation['priority'];
  flags: string[];
  tags: string[];
  tier: number;
  language: string | null;
  waiting_since: Date | string;
  preferred_agent_id: string | null;
  last_agent_id: string | null;
  version: string;
};

/**
 * Waiting, unassigned, open conversations of these clients, oldest first, at most `perClient` each.
 * One range of conversations_assignee_idx per client. `version` (xmin) lets the write refuse a row that
 * changed since it was read, so no row lock is held while deciding.
 */
export async function loadBacklog(db: DbOrTx, clientIds: readonly string[], perClient: number): Promise<BacklogRow[]> {
  if (clientIds.length === 0) return [];
  await fillLanguages(db, clientIds);
  const rows = await queryRows<BacklogRecord>(
    db,
    sql`SELECT c.id, c.client_id, c.channel, c.priority, c.flags, c.tags, c.tier, c.language, c.waiting_since,
        c.preferred_agent_id, ct.last_agent_id, c.version
      FROM unnest(${uuidList(clientIds)}) AS s(client_id)
      CROSS JOIN LATERAL (
        SELECT c.id, c.client_id, c.contact_id, c.channel, c.priority, c.flags, c.tags, c.tier, c.language,
          c.waiting_since, c.preferred_agent_id, c.xmin::text AS version
        FROM conversations c
        WHERE c.client_id = s.client_id AND c.assignee_id IS NULL AND c.status = 'open'
          AND c.waiting_since IS NOT NULL
        ORDER BY coalesce(c.waiting_since, 'infinity'::timestamptz), c.id
        LIMIT ${perClient}
      ) c
      JOIN contacts ct ON ct.client_id = c.client_id AND ct.id = c.contact_id`,
  );
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    channel: r.channel,
    priority: r.priority,
    flags: r.flags,
    tags: r.tags,
    tier: r.tier,
    language: r.language,
    waitingSince: new Date(r.waiting_since).getTime(),
    preferredAgentId: r.preferred_agent_id ?? r.last_agent_id,
    version: r.version,
  }));
}

/** A conversation's language, once, from its first customer message (channels may also set it themselves). */
async function fillLanguages(db: DbOrTx, clientIds: readonly string[]): Promise<void> {
  await db.execute(
    sql`UPDATE conversations c SET language = first.language
      FROM (
        SELECT c2.client_id, c2.id,
          (SELECT m.language FROM messages m
            WHERE m.client_id = c2.client_id AND m.conversation_id = c2.id AND m.kind = 'incoming'
            ORDER BY m.created_at LIMIT 1) AS language
        FROM conversations c2
        WHERE c2.client_id = ANY(${uuidList(clientIds)}) AND c2.assignee_id IS NULL AND c2.status = 'open'
          AND c2.waiting_since IS NOT NULL AND c2.language IS NULL
      ) first
      WHERE c.client_id = first.client_id AND c.id = first.id AND first.language IS NOT NULL`,
  );
}

export type AssignmentWrite = {
  conversationId: string;
  clientId: string;
  agentId: string;
  agentName: string;
  reason: string;
  version: string;
};

/** A PostgreSQL array literal of strings (one parameter however many rows: no per-row placeholders). */
export function pgArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const uuidArray = (values: readonly string[]): SQL => sql`${pgArrayLiteral(values)}::uuid[]`;
const textArray = (values: readonly string[]): SQL => sql`${pgArrayLiteral(values)}::text[]`;

/**
 * The conversations, timeline entries and audit records of some assignments, in one statement and one
 * round trip (six array parameters, however many rows). Rows go in index order (client, id).
 *
 * The timeline entry's text lives in its structured `activity` (the desk and the portal render it in the
 * reader's language); its `body_text` stays empty so the full-text index is not filled with one
 * "Routing assigned …" line per conversation.
 */
export async function writeAssignmentRows(
  tx: DbOrTx,
  writes: readonly AssignmentWrite[],
  at: Date,
): Promise<AssignmentWrite[]> {
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

/** The agents' last automatic assignment (longest idle goes first next time). */
export async function stampLastAssigned(tx: DbOrTx, done: readonly AssignmentWrite[], at: Date): Promise<void> {
  const agentIds = [...new Set(done.map((w) => w.agentId))];
  if (agentIds.length === 0) return;
  await tx.execute(
    sql`UPDATE agency_users SET last_assigned_at = ${at.toISOString()}::timestamptz WHERE id = ANY(${uuidArray(agentIds)})`,
  );
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type Released = { conversationId: string; clientId: string; agentId: string; agentName: string };

/**
 * Takes work back from agents: open conversations whose customer is still waiting, matched by `where`
 * (alias `c`). Each one's timeline and audit say why. Returns what was released.
 */
export async function releaseWaitingWork(
  tx: DbOrTx,
  where: SQL,
  reason: 'agent-offline' | 'unanswered',
  at: Date,
): Promise<Released[]> {
  const released = await queryRows<{ id: string; client_id: string; agent_id: string; agent_name: string }>(
    tx,
    sql`WITH target AS (
        SELECT c.client_id, c.id, c.assignee_id FROM conversations c
        WHERE ${where} AND c.status = 'open' AND c.waiting_since IS NOT NULL AND c.assignee_id IS NOT NULL
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

/** Unanswered automatic assignments of a client older than its timeout: the customer waited since before. */
export const unansweredSince = (clientId: string, before: Date): SQL =>
  sql`c.client_id = ${clientId} AND c.assigned_at IS NOT NULL AND c.assigned_at <= ${before.toISOString()}::timestamptz
    AND c.waiting_since <= c.assigned_at`;

/** An agent's waiting work across the clients they serve. */
export const waitingWorkOf = (agentId: string): SQL =>
  sql`c.client_id IN (SELECT client_id FROM agent_clients WHERE agent_id = ${agentId}) AND c.assignee_id = ${agentId}`;

export { uuidList };
