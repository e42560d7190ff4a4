import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';

export type AssignableAgentRow = { id: string; name: string; tier: number };

/** Active agency users who serve the client: the only people a conversation may be assigned to. */
export async function listAssignableAgents(db: DbOrTx, clientId: string): Promise<AssignableAgentRow[]> {
  return queryRows<AssignableAgentRow>(
    db,
    sql`
    SELECT u.id, u.name, u.tier FROM agency_users u
    JOIN agent_clients ac ON ac.agent_id = u.id AND ac.client_id = ${clientId}
    WHERE u.active ORDER BY u.tier, u.name`,
  );
}

export async function findAssignableAgent(db: DbOrTx, clientId: string, agentId: string) {
  return (
    await queryRows<AssignableAgentRow>(
      db,
      sql`
    SELECT u.id, u.name, u.tier FROM agency_users u
    JOIN agent_clients ac ON ac.agent_id = u.id AND ac.client_id = ${clientId}
    WHERE u.active AND u.id = ${agentId}`,
    )
  )[0];
}
