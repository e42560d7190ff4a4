import type { DeskEvent, UpdateConversationRequest } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import type { Tx } from '../db/index.js';
import { conversations } from '../db/schema.js';
import { AppError } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { findAssignableAgent } from './agent-repository.js';
import type { Reactions } from './conversation-events.js';
import type { ConversationRow } from './conversation-repository.js';
import { keepSla } from './keep-sla.js';
import { insertMessage } from './message-repository.js';

export type ConversationChange = { action: string; from: unknown; to: unknown; text: string };

/**
 * What changed, and what the desk must hear after commit because of it: an SLA target met late by this
 * change (e.g. resolved after its resolution due time) is a breach, recorded with its timeline entry,
 * audit record and the client's `sla.breached` rules in this transaction; its live `sla.breach` event
 * (and whatever those rules changed) is in `deskEvents`.
 */
export type AppliedChanges = { changes: ConversationChange[]; deskEvents: DeskEvent[] };

/**
 * Who made a change, as the timeline and the audit log show it: an agent (their scope), or a rule or
 * macro acting on the system's behalf (`activity` carries its id and name so the desk can say so).
 */
export type ChangeActor = {
  audit: Scope | 'system';
  authorType: 'agent' | 'system';
  authorId: string | null;
  name: string;
  /** Merged into each timeline entry's activity, e.g. `{ ruleId, ruleName }`. */
  activity?: Record<string, unknown>;
  /** Merged into each audit record's data. */
  auditData?: Record<string, unknown>;
};

/**
 * Status, priority, tier, assignee, team, flags and tags of one locked conversation, inside the
 * caller's transaction; each change is written to the timeline and the audit log. Returns what changed
 * and the desk events to publish once the transaction commits.
 */
export async function applyConversationChanges(
  tx: Tx,
  current: ConversationRow,
  input: UpdateConversationRequest & { team?: string | null },
  actor: ChangeActor,
  reactions: Reactions,
): Promise<AppliedChanges> {
  const { patch, changes } = await planChanges(tx, current, input);
  if (changes.length === 0) return { changes, deskEvents: [] };
  await tx
    .update(conversations)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(conversations.clientId, current.client_id), eq(conversations.id, current.id)));
  // Waiting on the customer pauses the SLA clock, reopening resumes it; a new priority brings new targets.
  // A target met late here is recorded as a breach (the SLA keeper), announced by the caller after commit.
  const deskEvents: DeskEvent[] = [];
  if (patch.status || patch.priority) {
    const kept = await keepSla(tx, reactions, [
      {
        clientId: current.client_id,
        conversationId: current.id,
        change: patch.status
          ? { type: 'status', to: patch.status, at: new Date() }
          : { type: 'priority', at: new Date() },
      },
    ]);
    deskEvents.push(...(await kept.raise(tx, reactions)));
  }
  for (const change of changes) {
    await insertMessage(tx, {
      clientId: current.client_id,
      conversationId: current.id,
      kind: 'activity',
      authorType: actor.authorType,
      authorId: actor.authorId,
      authorName: actor.name,
      bodyText: actor.authorType === 'system' ? `${actor.name}: ${change.text}` : `${actor.name} ${change.text}`,
      // Several entries in one transaction: the wall clock keeps them in the order they happened.
      createdAt: sql`clock_timestamp()`,
      activity: { action: change.action, from: change.from, to: change.to, ...actor.activity },
    });
    await recordAudit(tx, actor.audit, {
      clientId: current.client_id,
      action: `conversation.${change.action}`,
      entity: 'conversation',
      entityId: current.id,
      data: { from: change.from, to: change.to, ...actor.auditData },
    });
  }
  return { changes, deskEvents };
}

async function planChanges(
  tx: Tx,
  current: ConversationRow,
  input: UpdateConversationRequest & { team?: string | null },
) {
  const patch: Partial<typeof conversations.$inferInsert> = {};
  const changes: ConversationChange[] = [];
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
    if (input.assigneeId && !agent)
      throw new AppError('AGENT_NOT_SERVING_CLIENT', 'That agent does not serve this client.');
    patch.assigneeId = input.assigneeId;
    changes.push({
      action: 'assign',
      from: current.assignee_name,
      to: agent?.name ?? null,
      text: agent ? `assigned to ${agent.name}` : 'unassigned the conversation',
    });
  }
  if (input.team !== undefined && input.team !== current.team) {
    patch.team = input.team;
    changes.push({
      action: 'team',
      from: current.team,
      to: input.team,
      text: input.team ? `assigned to team ${input.team}` : 'cleared the team',
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
