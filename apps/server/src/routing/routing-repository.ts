import { type SQL, sql } from 'drizzle-orm';
import { type Assignment, fillConversationLanguages } from '../conversations/index.js';
import { type DbOrTx, pgArrayLiteral, queryRows } from '../db/index.js';
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
  await fillConversationLanguages(db, clientIds);
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

/** The agents' last automatic assignment (longest idle goes first next time). */
export async function stampLastAssigned(tx: DbOrTx, done: readonly Assignment[], at: Date): Promise<void> {
  const agentIds = [...new Set(done.map((w) => w.agentId))];
  if (agentIds.length === 0) return;
  await tx.execute(
    sql`UPDATE agency_users SET last_assigned_at = ${at.toISOString()}::timestamptz WHERE id = ANY(${uuidArray(agentIds)})`,
  );
}

const uuidArray = (values: readonly string[]): SQL => sql`${pgArrayLiteral(values)}::uuid[]`;

/** Routing's name for an assignment it decided (written by the conversations slice). */
export type AssignmentWrite = Assignment;

export { uuidList };
