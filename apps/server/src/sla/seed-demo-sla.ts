import type { ConversationStatus, SlaMetric, SlaPolicyInput } from '@switchboard/contracts';
import type { conversations, messages, slaEvents } from '../db/schema.js';
import {
  advanceSlaClock,
  dueTimesOf,
  evaluateSla,
  nextSlaTimerAt,
  type SlaChange,
  type SlaClock,
  startSlaClock,
  summariseSla,
} from '../platform/business-time/sla-clock.js';
import { slaActivityText } from './record-sla-event.js';

type DemoConversation = typeof conversations.$inferInsert & { id: string };
type DemoMessage = typeof messages.$inferInsert;

/**
 * A demo client's SLA, computed in memory before the demo is written: each conversation's clock replayed
 * from its history (customer messages, agent replies, status changes) sets its due times, and every
 * breach that history contains becomes an `sla_events` row and a timeline entry at the moment it fell
 * due. Open conversations are marked for the SLA worker, whose sweep schedules their timers at start.
 */
export function planDemoSla(options: {
  clientId: string;
  policy: SlaPolicyInput;
  language: string;
  now: Date;
  conversations: DemoConversation[];
  messages: DemoMessage[];
}): { events: (typeof slaEvents.$inferInsert)[]; activities: DemoMessage[] } {
  const { clientId, policy, now } = options;
  const byConversation = new Map<string, DemoMessage[]>();
  for (const message of options.messages) {
    const list = byConversation.get(message.conversationId) ?? [];
    list.push(message);
    byConversation.set(message.conversationId, list);
  }
  const events: (typeof slaEvents.$inferInsert)[] = [];
  const activities: DemoMessage[] = [];
  for (const conversation of options.conversations) {
    const priority = conversation.priority ?? 'normal';
    const history = [...(byConversation.get(conversation.id) ?? [])].sort(
      (a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0),
    );
    let clock: SlaClock | null = null;
    const breaches = new Map<string, { metric: SlaMetric; startedAt: string; dueAt: string }>();
    const collect = (at: Date) => {
      if (!clock) return;
      for (const target of evaluateSla(clock, policy, priority, at)) {
        if (target.breached && target.dueAt && Date.parse(target.dueAt) <= now.getTime())
          breaches.set(`${target.metric}/${target.startedAt}`, { ...target, dueAt: target.dueAt });
      }
    };
    for (const message of history) {
      const change = changeOf(message);
      if (!change) continue;
      clock = clock ? advanceSlaClock(clock, change) : startSlaClock(change.at);
      collect(change.at);
    }
    if (!clock) continue;
    collect(now);
    const targets = evaluateSla(clock, policy, priority, now);
    Object.assign(conversation, {
      ...dueTimesOf(targets),
      slaClock: { ...clock, summary: summariseSla(targets, clock) },
      slaNextTimerAt: conversation.status === 'resolved' ? null : nextSlaTimerAt(targets),
    });
    for (const breach of breaches.values()) {
      const dueAt = new Date(breach.dueAt);
      events.push({
        clientId,
        conversationId: conversation.id,
        metric: breach.metric,
        kind: 'breach',
        cycleStartedAt: new Date(breach.startedAt),
        dueAt,
        assigneeId: conversation.assigneeId ?? null,
        at: dueAt,
      });
      activities.push({
        clientId,
        conversationId: conversation.id,
        kind: 'activity',
        authorType: 'system',
        authorName: 'SLA',
        bodyText: slaActivityText('breach', breach.metric, dueAt, options.language),
        activity: { action: 'sla.breach', metric: breach.metric, dueAt: breach.dueAt },
        language: options.language,
        createdAt: dueAt,
      });
    }
  }
  return { events, activities };
}

function changeOf(message: DemoMessage): SlaChange | null {
  const at = message.createdAt ?? new Date();
  if (message.kind === 'incoming') return { type: 'incoming', at };
  if (message.kind === 'outgoing' && message.authorType === 'agent') return { type: 'reply', at };
  const activity = message.activity;
  if (message.kind === 'activity' && activity?.action === 'status' && typeof activity.to === 'string')
    return { type: 'status', to: activity.to as ConversationStatus, at };
  return null;
}
