import type { MacroAction, RuleAction } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { AppError } from '../platform/errors.js';

/**
 * The agents a rule or macro names must be able to work the client's conversations: an agent who
 * does not serve the client is refused when the rule is saved, not discovered when it runs.
 * Agency-wide rules are checked per conversation when they run.
 */
export async function checkRuleReferences(
  db: DbOrTx,
  clientId: string | null,
  actions: readonly (RuleAction | MacroAction)[],
): Promise<void> {
  const ids = new Set<string>();
  for (const action of actions) {
    if (action.type === 'assign_agent') ids.add(action.agentId);
    if (action.type === 'notify') {
      for (const recipient of action.recipients)
        if (recipient !== 'assignee' && recipient !== 'supervisors') ids.add(recipient);
    }
  }
  if (ids.size === 0) return;
  const list = sql.join(
    [...ids].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const serving = clientId
    ? sql`AND (u.role IN ('owner', 'admin', 'supervisor')
        OR EXISTS (SELECT 1 FROM agent_clients ac WHERE ac.agent_id = u.id AND ac.client_id = ${clientId}))`
    : sql``;
  const found = await queryRows<{ id: string }>(
    db,
    sql`SELECT u.id FROM agency_users u WHERE u.active AND u.id IN (${list}) ${serving}`,
  );
  if (found.length !== ids.size) {
    throw new AppError('AGENT_NOT_SERVING_CLIENT', 'An agent named in the actions does not serve this client.');
  }
}
