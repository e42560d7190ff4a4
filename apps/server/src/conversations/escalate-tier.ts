import type { ConversationDetail } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { agencyUsers, conversations } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { findConversationRow } from './conversation-repository.js';
import { getConversation } from './get-conversation.js';
import { insertMessage } from './message-repository.js';

type EscalateTierOptions = {
  scope: Extract<Scope, { kind: 'agency' }>;
  actorName: string;
  conversationId: string;
  reason: string;
  events: DeskEventPublisher;
};

/**
 * Tier 1 → 2 → 3 by hand, with a reason on the timeline. The conversation keeps its history, waiting
 * time and SLA clock; if its agent's tier is now too low it goes back to the queue, where routing
 * finds someone of the new tier.
 */
export async function escalateTier(db: Db, options: EscalateTierOptions): Promise<ConversationDetail> {
  const { scope } = options;
  const clientId = await db.transaction(async (tx) => {
    const current = await findConversationRow(tx, scope.clientIds, options.conversationId, { forUpdate: true });
    if (!current) throw notFound('Conversation');
    if (current.tier >= 3) throw new AppError('ALREADY_TOP_TIER', 'This conversation is already at tier 3.');
    const tier = current.tier + 1;
    const [assignee] = current.assignee_id
      ? await tx.select({ tier: agencyUsers.tier }).from(agencyUsers).where(eq(agencyUsers.id, current.assignee_id))
      : [];
    const unassign = assignee !== undefined && assignee.tier < tier;
    await tx
      .update(conversations)
      .set({ tier, updatedAt: sql`now()`, ...(unassign ? { assigneeId: null, assignedAt: null } : {}) })
      .where(and(eq(conversations.clientId, current.client_id), eq(conversations.id, current.id)));
    await insertMessage(tx, {
      clientId: current.client_id,
      conversationId: current.id,
      kind: 'activity',
      authorType: 'agent',
      authorId: scope.userId,
      authorName: options.actorName,
      bodyText: `${options.actorName} escalated to tier ${tier}: ${options.reason}`,
      activity: { action: 'escalate', from: current.tier, to: tier, reason: options.reason, unassigned: unassign },
    });
    await recordAudit(tx, scope, {
      clientId: current.client_id,
      action: 'conversation.escalate',
      entity: 'conversation',
      entityId: current.id,
      data: { from: current.tier, to: tier, reason: options.reason, unassigned: unassign },
    });
    return current.client_id;
  });
  await options.events.publish({ type: 'conversation.updated', clientId, conversationId: options.conversationId });
  return getConversation(db, scope, options.conversationId);
}
