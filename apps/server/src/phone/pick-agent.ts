import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { agencyUsers, agentClients } from '../db/schema.js';
import type { DeskConnections } from '../realtime/desk-connections.js';
import { countBusyCallsByAgent } from './phone-repository.js';

export type PickAgentInput = { clientId: string; queueId: string | null; excludeAgentIds?: string[] };

/**
 * The seam between the phone and routing: which agent a waiting call is offered to, or null when
 * nobody can take it now (the caller keeps waiting, then gets voicemail). The routing slice's engine
 * (skills, tiers, familiar agent, presence) replaces `createPickAgent` with the same signature.
 */
export type PickAgent = (db: DbOrTx, input: PickAgentInput) => Promise<string | null>;

/**
 * Until routing lands: an active agent who serves the client, has phone capacity left across all
 * their clients' live calls, and has a desk socket open to pop the call up on; the least busy first.
 */
export function createPickAgent(connections: DeskConnections): PickAgent {
  return async (db, input) => {
    const candidates = await db
      .select({ id: agencyUsers.id, capacity: agencyUsers.capacity })
      .from(agentClients)
      .innerJoin(agencyUsers, eq(agencyUsers.id, agentClients.agentId))
      .where(and(eq(agentClients.clientId, input.clientId), eq(agencyUsers.active, true)))
      .orderBy(agencyUsers.id);
    const reachable = candidates.filter(
      (agent) =>
        agent.capacity.phone > 0 && connections.isConnected(agent.id) && !input.excludeAgentIds?.includes(agent.id),
    );
    const busy = await countBusyCallsByAgent(
      db,
      reachable.map((agent) => agent.id),
    );
    const free = reachable
      .map((agent) => ({ id: agent.id, load: busy.get(agent.id) ?? 0, capacity: agent.capacity.phone }))
      .filter((agent) => agent.load < agent.capacity)
      .sort((a, b) => a.load / a.capacity - b.load / b.capacity);
    return free[0]?.id ?? null;
  };
}
