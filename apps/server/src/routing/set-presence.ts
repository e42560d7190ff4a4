import type { Presence, PresenceState } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import { type ReleasedAssignment, releaseWaitingConversations } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { listServedClientIds, writePresence } from './presence-repository.js';

type SetPresenceOptions = {
  agentId: string;
  presence: Presence;
  /** The agent themselves, or 'system' when their desk has been gone past the grace period. */
  actor: Scope | 'system';
  events: DeskEventPublisher;
  now?: Date;
  /** The sweep: only if the agent's desk has not been seen since then. */
  staleBefore?: Date;
};

/**
 * An agent's presence. Going offline hands back the work whose customer is still waiting, so it is
 * routed to someone who is there; coming online lets the router (listening to the event) fill them up.
 */
export async function setPresence(
  db: Db,
  options: SetPresenceOptions,
): Promise<PresenceState & { released: ReleasedAssignment[] }> {
  const now = options.now ?? new Date();
  const { previous, released } = await db.transaction(async (tx) => {
    const previous = await writePresence(tx, options.agentId, options.presence, now, options.staleBefore);
    if (previous === undefined) {
      if (options.staleBefore) return { previous: options.presence, released: [] };
      throw notFound('Agent');
    }
    if (previous === options.presence) return { previous, released: [] };
    await recordAudit(tx, options.actor, {
      clientId: null,
      action: 'agent.presence',
      entity: 'agency_user',
      entityId: options.agentId,
      data: { from: previous, to: options.presence },
    });
    const released =
      options.presence === 'offline'
        ? await releaseWaitingConversations(tx, { agentId: options.agentId }, 'agent-offline', now)
        : [];
    return { previous, released };
  });
  if (previous !== options.presence) {
    for (const clientId of await listServedClientIds(db, options.agentId)) {
      await options.events.publish({
        type: 'agent.presence',
        clientId,
        agentId: options.agentId,
        presence: options.presence,
      });
    }
  }
  for (const r of released) {
    await options.events.publish({
      type: 'conversation.updated',
      clientId: r.clientId,
      conversationId: r.conversationId,
    });
  }
  return { agentId: options.agentId, presence: options.presence, changedAt: now.toISOString(), released };
}
