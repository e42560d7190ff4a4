import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/index.js';
import { type ClientRoutingRules, capacityChannelOf, decideOne, defaultRules } from './decide-assignments.js';
import { loadCandidateAgents } from './routing-repository.js';
import { loadRoutingRules } from './routing-settings-repository.js';

type Row = {
  id: string;
  client_id: string;
  channel: 'email' | 'chat' | 'phone' | 'api';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  flags: string[];
  tags: string[];
  tier: number;
  language: string | null;
  waiting_since: Date | string | null;
  preferred_agent_id: string | null;
  last_agent_id: string | null;
};

/**
 * Routing's choice for one conversation, without writing it: the agent the engine would give it now
 * (same eligibility as a routing pass: online, serves the client, skills, language, tier, room), or why
 * it waits. Automation's "assign automatically" action writes the assignment itself, so the timeline
 * names the rule.
 */
export async function chooseAgent(
  tx: Tx,
  request: { clientId: string; conversationId: string },
): Promise<{ agentId: string } | { queued: true; reason: string }> {
  const [row] = await queryRows<Row>(
    tx,
    sql`SELECT c.id, c.client_id, c.channel, c.priority, c.flags, c.tags, c.tier, c.language, c.waiting_since,
        c.preferred_agent_id, ct.last_agent_id
      FROM conversations c JOIN contacts ct ON ct.client_id = c.client_id AND ct.id = c.contact_id
      WHERE c.client_id = ${request.clientId} AND c.id = ${request.conversationId}`,
  );
  if (!row) return { queued: true, reason: 'not-found' };
  const preferredAgentId = row.preferred_agent_id ?? row.last_agent_id;
  // Only those who could take it now (and the preferred agent, whom it may wait for): one query.
  const agents = await loadCandidateAgents(tx, {
    clientId: row.client_id,
    channel: capacityChannelOf(row.channel),
    preferredAgentId,
  });
  const rules: ClientRoutingRules = (await loadRoutingRules(tx, [row.client_id])).get(row.client_id) ?? defaultRules;
  const now = Date.now();
  const decision = decideOne(
    {
      id: row.id,
      clientId: row.client_id,
      channel: row.channel,
      priority: row.priority,
      flags: row.flags,
      tags: row.tags,
      tier: row.tier,
      language: row.language,
      waitingSince: row.waiting_since ? new Date(row.waiting_since).getTime() : now,
      preferredAgentId,
    },
    agents,
    rules,
    now,
  );
  return decision.kind === 'assign' ? { agentId: decision.agent.id } : { queued: true, reason: decision.reason };
}
