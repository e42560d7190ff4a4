import type { ConversationDetail, UpdateConversationRequest } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import type { Db, Tx } from '../db/index.js';
import { conversations } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { applySlaChange } from '../sla/apply-sla-change.js';
import { findAssignableAgent } from './agent-repository.js';
import { type ConversationRow, findConversationRow } from './conversation-repository.js';
import { getConversation } from './get-conversation.js';
import { insertMessage } from './message-repository.js';

type UpdateConversationOptions = {
  scope: Extract<Scope, { kind: 'agency' }>;
  actorName: string;
  conversationId: string;
  input: UpdateConversationRequest;
  events: DeskEventPublisher;
};

type Change = { action: string; from: unknown; to: unknown; text: string };

/** Status, priority, tier, assignee, flags and tags; each change is written to the timeline and the audit log. */
export async function updateConversation(db: Db, options: UpdateConversationOptions): Promise<ConversationDetail> {
  const { scope, input } = options;
  const { clientId, changed } = await db.transaction(async (tx) => {
    const current = await findConversationRow(tx, scope.clientIds, options.conversationId, { forUpdate: true });
    if (!current) throw notFound('Conversation');
    const { patch, changes } = await planChanges(tx, current, input);
    if (changes.length === 0) return { clientId: current.client_id, changed: false };

    await tx
      .update(conversations)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(conversations.clientId, current.client_id), eq(conversations.id, current.id)));
    // Waiting on the customer pauses the SLA clock, reopening resumes it; a new priority brings new targets.
    if (patch.status || patch.priority) {
      await applySlaChange(tx, {
        clientId: current.client_id,
        conversationId: current.id,
        change: patch.status
          ? { type: 'status', to: patch.status, at: new Date() }
          : { type: 'priority', at: new Date() },
      });
    }
    for (const change of changes) {
      await insertMessage(tx, {
        clientId: current.client_id,
        conversationId: current.id,
        kind: 'activity',
        authorType: 'agent',
        authorId: scope.userId,
        authorName: options.actorName,
        bodyText: `${options.actorName} ${change.text}`,
        activity: { action: change.action, from: change.from, to: change.to },
      });
      await recordAudit(tx, scope, {
        clientId: current.client_id,
        action: `conversation.${change.action}`,
        entity: 'conversation',
        entityId: current.id,
        data: { from: change.from, to: change.to },
      });
    }
    return { clientId: current.client_id, changed: true };
  });
  if (changed)
    await options.events.publish({ type: 'conversation.updated', clientId, conversationId: options.conversationId });
  return getConversation(db, scope, options.conversationId);
}

async function planChanges(tx: Tx, current: ConversationRow, input: UpdateConversationRequest) {
  const patch: Partial<typeof conversations.$inferInsert> = {};
  const changes: Change[] = [];
  if (input.status && input.status !== current.status) {
    patch.status = input.status;
    if (input.status === 'resolved') {
      patch.resolvedAt = new Date();
      patch.waitingSince = null;
    } else if (current.status === 'resolved') {
      patch.resolvedAt = null;
    }
    changes.push({
      action: 'status',
      from: current.status,
      to: input.status,
      text: `changed status ${current.status} → ${input.status}`,
    });
  }
  if (input.priority && input.priority !== current.priority) {
    patch.priority = input.priority;
    changes.push({
      action: 'priority',
      from: current.priority,
      to: input.priority,
      text: `changed priority ${current.priority} → ${input.priority}`,
    });
  }
  if (input.tier && input.tier !== current.tier) {
    patch.tier = input.tier;
    changes.push({ action: 'tier', from: current.tier, to: input.tier, text: `moved to tier ${input.tier}` });
  }
  if (input.assigneeId !== undefined && input.assigneeId !== current.assignee_id) {
    const agent = input.assigneeId ? await findAssignableAgent(tx, current.client_id, input.assigneeId) : null;
    if (input.assigneeId && !agent) throw new AppError('BAD_REQUEST', 'That agent does not serve this client.');
    patch.assigneeId = input.assigneeId;
    changes.push({
      action: 'assign',
      from: current.assignee_name,
      to: agent?.name ?? null,
      text: agent ? `assigned to ${agent.name}` : 'unassigned the conversation',
    });
  }
  for (const field of ['flags', 'tags'] as const) {
    const next = input[field];
    if (next && !sameSet(next, current[field])) {
      patch[field] = [...new Set(next)];
      changes.push({
        action: field,
        from: current[field],
        to: patch[field],
        text: `set ${field}: ${patch[field].join(', ') || '—'}`,
      });
    }
  }
  return { patch, changes };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
