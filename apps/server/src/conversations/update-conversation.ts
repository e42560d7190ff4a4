import { randomUUID } from 'node:crypto';
import type { ConversationDetail, UpdateConversationRequest } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { applyConversationChanges } from './apply-conversation-changes.js';
import type { Reactions } from './conversation-events.js';
import { findConversationRow } from './conversation-repository.js';
import { getConversation } from './get-conversation.js';

type UpdateConversationOptions = {
  scope: Extract<Scope, { kind: 'agency' }>;
  actorName: string;
  conversationId: string;
  input: UpdateConversationRequest;
  events: DeskEventPublisher;
  reactions: Reactions;
};

/**
 * Status, priority, tier, assignee, flags and tags; each change is written to the timeline and the
 * audit log. A change of assignee runs the `assignment.changed` rules in the same transaction.
 */
export async function updateConversation(db: Db, options: UpdateConversationOptions): Promise<ConversationDetail> {
  const { scope, input } = options;
  const { clientId, changed, automation, deskEvents } = await db.transaction(async (tx) => {
    const current = await findConversationRow(tx, scope.clientIds, options.conversationId, { forUpdate: true });
    if (!current) throw notFound('Conversation');
    const { changes, deskEvents } = await applyConversationChanges(
      tx,
      current,
      input,
      {
        audit: scope,
        authorType: 'agent',
        authorId: scope.userId,
        name: options.actorName,
      },
      options.reactions,
    );
    const assignment = changes.find((change) => change.action === 'assign');
    const automation = assignment
      ? await options.reactions.react(tx, {
          type: 'assignment.changed',
          clientId: current.client_id,
          conversationId: current.id,
          assigneeId: input.assigneeId ?? null,
          by: 'agent',
          key: `assign:${randomUUID()}`,
        })
      : null;
    return { clientId: current.client_id, changed: changes.length > 0, automation, deskEvents };
  });
  for (const deskEvent of deskEvents) await options.events.publish(deskEvent);
  if (changed)
    await options.events.publish({ type: 'conversation.updated', clientId, conversationId: options.conversationId });
  await automation?.publish(options.events);
  return getConversation(db, scope, options.conversationId);
}
