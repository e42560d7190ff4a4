import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { agencyUsers, agentClients } from '../db/schema.js';
import { countBusyCallsByAgent } from './phone-repository.js';

export type PickAgentInput = { clientId: string; queueId: string | null; excludeAgentIds?: string[] };

/**
 * The seam between the phone and routing: which agent a waiting call is offered to, or null when
 * nobody can take it now (the caller keeps waiting, then gets voicemail). Pass another `PickAgent` in
 * `AppOptions.phone.pickAgent` to route calls by skills, tiers or the familiar agent.
 */
export type PickAgent = (db: DbOrTx, input: PickAgentInput) => Promise<string | null>;

/**
 * Routing's presence decides who is reachable: an active agent marked online (the routing sweep
 * offlines agents whose desk has gone, across every web node), who serves the client and has phone
 * capacity left across all their clients' live calls; the least busy first, then the longest idle.
 */
export const pickAgentByPresence: PickAgent = async (db, input) => {
  const candidates = await db
    .select({ id: agencyUsers.id, capacity: agencyUsers.capacity, lastAssignedAt: agencyUsers.lastAssignedAt })
    .from(agentClients)
    .innerJoin(agencyUsers, eq(agencyUsers.id, agentClients.agentId))
    .where(
      and(
        eq(agentClients.clientId, input.clientId),
        eq(agencyUsers.active, true),
        eq(agencyUsers.presence, 'online'),
        sql`coalesce((${agencyUsers.capacity}->>'phone')::int, 0) > 0`,
      ),
    )
    .orderBy(asc(agencyUsers.id));
  const reachable = candidates.filter((agent) => !input.excludeAgentIds?.includes(agent.id));
  const busy = await countBusyCallsByAgent(
    db,
    reachable.map((agent) => agent.id),
  );
  const idleSince = (at: Date | null) => at?.getTime() ?? 0;
  const free = reachable
    .map((agent) => ({
      id: agent.id,
      load: busy.get(agent.id) ?? 0,
      capacity: agent.capacity.phone ?? 0,
      idle: idleSince(agent.lastAssignedAt),
    }))
    .filter((agent) => agent.load < agent.capacity)
    .sort((a, b) => a.load / a.capacity - b.load / b.capacity || a.idle - b.idle);
  return free[0]?.id ?? null;
};
