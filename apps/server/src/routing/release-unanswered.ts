import { releaseWaitingConversations } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { routeBacklog } from './route-conversation.js';
import { loadRoutingRules } from './routing-settings-repository.js';
import type { RoutingTimers } from './routing-timers.js';

/**
 * The reassign timer's work for one client: automatic assignments older than the client's timeout
 * whose customer is still waiting since before the assignment are taken back, then routed again to
 * someone else (the agent who let it lapse is skipped in that pass).
 */
export async function releaseUnanswered(
  db: Db,
  options: { clientId: string; events: DeskEventPublisher; timers?: RoutingTimers | undefined; now?: Date },
) {
  const now = options.now ?? new Date();
  const rules = (await loadRoutingRules(db, [options.clientId])).get(options.clientId)!;
  const before = new Date(now.getTime() - rules.reassignAfterSeconds * 1000);
  const released = await db.transaction((tx) =>
    releaseWaitingConversations(tx, { clientId: options.clientId, assignedBefore: before }, 'unanswered', now),
  );
  for (const r of released) {
    await options.events.publish({
      type: 'conversation.updated',
      clientId: r.clientId,
      conversationId: r.conversationId,
    });
  }
  const exclude = new Map(released.map((r) => [r.conversationId, [r.agentId]]));
  const pass = await routeBacklog(db, {
    events: options.events,
    timers: options.timers,
    clientIds: [options.clientId],
    exclude,
    now,
  });
  return { released, pass };
}
