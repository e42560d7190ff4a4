import type { ConversationStatus, SlaPolicyInput } from '@switchboard/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/index.js';
import { conversations, messages } from '../db/schema.js';
import { recordSlaEvent } from './record-sla-event.js';
import {
  advanceSlaClock,
  dueTimesOf,
  evaluateSla,
  type SlaChange,
  type SlaClock,
  startSlaClock,
  summariseSla,
} from './sla-clock.js';
import { saveSlaState, upsertSlaPolicy } from './sla-repository.js';

/**
 * A demo client's SLA: its policy, and every conversation's clock replayed from its history (customer
 * messages, agent replies, status changes), with the breaches that history contains recorded when they
 * fell due. Timers for what is still ahead are scheduled by the SLA worker's sweep at start.
 */
export async function seedDemoSla(tx: Tx, options: { clientId: string; policy: SlaPolicyInput; now: Date }) {
  const { clientId, policy, now } = options;
  await upsertSlaPolicy(tx, clientId, policy);
  const rows = await tx
    .select({ id: conversations.id, priority: conversations.priority, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(eq(conversations.clientId, clientId));
  for (const conversation of rows) {
    const history = await tx
      .select({
        kind: messages.kind,
        authorType: messages.authorType,
        activity: messages.activity,
        at: messages.createdAt,
      })
      .from(messages)
      .where(and(eq(messages.clientId, clientId), eq(messages.conversationId, conversation.id)))
      .orderBy(asc(messages.createdAt));
    let clock: SlaClock | null = null;
    const breaches = new Map<string, { metric: string; startedAt: string; dueAt: string }>();
    const note = (at: Date) => {
      if (!clock) return;
      for (const target of evaluateSla(clock, policy, conversation.priority, at)) {
        if (target.breached && target.dueAt && Date.parse(target.dueAt) <= now.getTime())
          breaches.set(
            `${target.metric}/${target.startedAt}`,
            target as { metric: string; startedAt: string; dueAt: string },
          );
      }
    };
    for (const message of history) {
      const change = changeOf(message);
      if (!change) continue;
      clock = clock ? advanceSlaClock(clock, change) : startSlaClock(message.at);
      note(message.at);
    }
    if (!clock) continue;
    note(now);
    const targets = evaluateSla(clock, policy, conversation.priority, now);
    await saveSlaState(tx, clientId, conversation.id, clock, dueTimesOf(targets), summariseSla(targets, clock));
    for (const breach of breaches.values()) {
      await recordSlaEvent(tx, {
        clientId,
        conversationId: conversation.id,
        metric: breach.metric as 'first_response',
        kind: 'breach',
        cycleStartedAt: new Date(breach.startedAt),
        dueAt: new Date(breach.dueAt),
        assigneeId: conversation.assigneeId,
        at: new Date(breach.dueAt),
      });
    }
  }
}

function changeOf(message: {
  kind: string;
  authorType: string;
  activity: Record<string, unknown> | null;
  at: Date;
}): SlaChange | null {
  if (message.kind === 'incoming') return { type: 'incoming', at: message.at };
  if (message.kind === 'outgoing' && message.authorType === 'agent') return { type: 'reply', at: message.at };
  if (message.kind === 'activity' && message.activity?.action === 'status' && typeof message.activity.to === 'string')
    return { type: 'status', to: message.activity.to as ConversationStatus, at: message.at };
  return null;
}
