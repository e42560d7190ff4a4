import type { Faker } from '@faker-js/faker';
import type { Priority } from '@switchboard/contracts';
import type { messages } from '../db/schema.js';
import type { ClientVoice, ScenarioContext } from './scenario.js';

export type ThreadAgent = { id: string; name: string; firstName: string };
export type ThreadChannel = 'email' | 'chat' | 'phone';
/** Where the conversation stands today; the thread is written so that it ends there. */
export type ThreadOutcome = 'unanswered' | 'awaiting-reply' | 'answered' | 'pending' | 'snoozed' | 'resolved';

export type ThreadPlan = {
  faker: Faker;
  voice: ClientVoice;
  channel: ThreadChannel;
  outcome: ThreadOutcome;
  ctx: ScenarioContext;
  customerName: string;
  /** The scenario's text, already filled in with the conversation's details. */
  text: { topic: string; question: string; answer: string; followUp?: string; followUpAnswer?: string; note?: string };
  priority: Priority;
  /** Who picks the conversation up first; null leaves it unassigned. */
  firstAgent: ThreadAgent | null;
  /** A higher-tier colleague the first agent hands over to. */
  specialist: { agent: ThreadAgent; tier: number } | null;
  sourceDomain: string;
};

export type ThreadMessage = Omit<typeof messages.$inferInsert, 'clientId' | 'conversationId' | 'language'> & {
  createdAt: Date;
  /** Milliseconds from the first message; turned into dates once the thread is placed in time. */
  offset: number;
};

export type Thread = {
  messages: ThreadMessage[];
  assignee: ThreadAgent | null;
  /** Offset at which an agent first answered (a reply, or a call taken or returned). */
  respondedAt: number | null;
  resolvedAt: number | null;
};

const minute = 60_000;
const hour = 60 * minute;

/**
 * Writes one conversation's messages, in order, as offsets from its first message: the customer's
 * question, routing, the agent's answer, perhaps a follow-up round, and the status change that leaves
 * it at the planned outcome.
 */
export function buildThread(plan: ThreadPlan): Thread {
  const { faker, voice, channel, outcome, ctx, text } = plan;
  const out: ThreadMessage[] = [];
  let clock = 0;
  let respondedAt: number | null = null;
  let resolvedAt: number | null = null;
  const wait = (emailMs: [number, number], chatMs: [number, number]) => {
    const [min, max] = channel === 'chat' ? chatMs : emailMs;
    clock += faker.number.int({ min, max });
  };
  const push = (message: Omit<ThreadMessage, 'offset' | 'createdAt'>) => {
    clock += 1000; // Strictly increasing even when two steps land in the same second.
    out.push({ ...message, offset: clock, createdAt: new Date(0) });
  };
  const fromCustomer = (body: string, first = false) => {
    const bodyText = channel === 'email' && first ? `${body}\n\n${voice.customerSignOff(ctx.customerFirst)}` : body;
    push({
      kind: 'incoming',
      authorType: 'contact',
      authorName: plan.customerName,
      bodyText,
      sourceId: channel === 'email' ? `<${faker.string.alphanumeric(24)}@mail.example.com>` : null,
    });
  };
  const fromAgent = (agent: ThreadAgent, body: string) => {
    respondedAt ??= clock + 1000;
    const bodyText =
      channel === 'email'
        ? `${voice.emailGreeting(ctx.customerFirst)}\n\n${body}\n\n${voice.agentSignOff(agent.firstName, ctx.clientName)}`
        : body;
    push({
      kind: 'outgoing',
      authorType: 'agent',
      authorId: agent.id,
      authorName: agent.name,
      bodyText,
      bodyHtml: channel === 'email' && faker.datatype.boolean(0.25) ? toHtml(bodyText) : null,
      sourceId: channel === 'email' ? `<${faker.string.uuid()}@${plan.sourceDomain}>` : null,
    });
  };
  const note = (agent: ThreadAgent, body: string, visibleToClient = faker.datatype.boolean(0.1)) =>
    push({
      kind: 'note',
      authorType: 'agent',
      authorId: agent.id,
      authorName: agent.name,
      bodyText: body,
      visibleToClient,
    });
  const activity = (agent: ThreadAgent | null, body: string, detail: Record<string, unknown>) =>
    push({
      kind: 'activity',
      authorType: agent ? 'agent' : 'system',
      authorId: agent?.id ?? null,
      authorName: agent?.name ?? 'Switchboard',
      bodyText: body,
      activity: detail,
    });

  // The customer's first contact. A thread awaiting our reply is either not yet answered at all, or
  // answered once and followed up by the customer.
  const followedUp =
    outcome === 'awaiting-reply' && channel !== 'phone' && !!text.followUp && faker.datatype.boolean(0.5);
  const answered = outcome !== 'unanswered' && (outcome !== 'awaiting-reply' || followedUp);
  const callSeconds = faker.number.int({ min: 45, max: 540 });
  if (channel === 'phone') {
    const line = answered ? voice.inboundCall : voice.missedCall;
    const seconds = answered ? callSeconds : faker.number.int({ min: 12, max: 70 });
    push({
      kind: 'incoming',
      authorType: 'contact',
      authorName: plan.customerName,
      bodyText: line(voice.duration(seconds), text.topic),
      sourceId: `CA${faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}`,
    });
    if (answered) respondedAt = clock;
  } else {
    fromCustomer(text.question, true);
  }

  let agent = plan.firstAgent;
  if (agent) {
    wait([20_000, 3 * minute], [5_000, 30_000]);
    activity(null, voice.autoAssigned(agent.name), { action: 'assign', to: agent.name, toId: agent.id });
  }
  if (!answered || !agent) {
    // Still waiting on us: sometimes the customer has written (or called) again meanwhile.
    if (channel !== 'phone' && faker.datatype.boolean(0.35)) {
      wait([2 * hour, 20 * hour], [2 * minute, 6 * minute]);
      fromCustomer(faker.helpers.arrayElement(voice.nudges));
    }
    return { messages: out, assignee: agent, respondedAt: null, resolvedAt: null };
  }

  if (plan.priority === 'urgent' || (plan.priority === 'high' && faker.datatype.boolean(0.5))) {
    activity(agent, voice.priorityRaised(agent.name, plan.priority), {
      action: 'priority',
      from: 'normal',
      to: plan.priority,
    });
  }
  if (plan.specialist) {
    wait([2 * minute, 20 * minute], [20_000, 60_000]);
    note(agent, voice.escalationNote(text.topic), false);
    const { agent: specialist, tier } = plan.specialist;
    activity(agent, voice.escalated(specialist.name, tier), {
      action: 'escalate',
      fromTier: 1,
      toTier: tier,
      to: specialist.name,
      toId: specialist.id,
    });
    agent = specialist;
  }
  if (text.note && faker.datatype.boolean(0.7)) {
    wait([minute, 10 * minute], [10_000, 40_000]);
    note(agent, text.note);
  }

  if (channel === 'phone') {
    // The call itself was the answer; what was said is logged for colleagues and the client.
    wait([callSeconds * 1000 + minute, callSeconds * 1000 + 4 * minute], [0, 0]);
    note(agent, voice.callNotes(text.answer), true);
  } else {
    if (channel === 'chat') {
      wait([0, 0], [10_000, 40_000]);
      fromAgent(agent, voice.chatGreeting(ctx.customerFirst, agent.firstName));
    }
    wait(plan.priority === 'urgent' ? [3 * minute, 12 * minute] : [5 * minute, 4 * hour], [20_000, 3 * minute]);
    fromAgent(agent, channel === 'chat' ? voice.continueChat(text.answer) : text.answer);
    if (followedUp) {
      wait([20 * minute, 20 * hour], [30_000, 4 * minute]);
      fromCustomer(text.followUp!);
      return { messages: out, assignee: agent, respondedAt, resolvedAt };
    }
    if (outcome !== 'answered' && text.followUp && faker.datatype.boolean(0.6)) {
      wait([20 * minute, 20 * hour], [30_000, 4 * minute]);
      fromCustomer(text.followUp);
      // A follow-up without a scripted answer is the customer's own closing word.
      if (text.followUpAnswer) {
        wait([10 * minute, 5 * hour], [20_000, 2 * minute]);
        fromAgent(agent, text.followUpAnswer);
      }
    }
    const customerHadLastWord = out.at(-1)?.kind === 'incoming';
    if (outcome === 'resolved' && !customerHadLastWord && faker.datatype.boolean(0.4)) {
      wait([10 * minute, 6 * hour], [20_000, minute]);
      fromCustomer(faker.helpers.arrayElement(voice.thanks));
    }
  }

  if (outcome === 'pending') {
    wait([10_000, 2 * minute], [5_000, 30_000]);
    activity(agent, voice.pending(agent.name), { action: 'status', from: 'open', to: 'pending' });
  } else if (outcome === 'snoozed') {
    const snoozeDays = faker.number.int({ min: 2, max: 5 });
    wait([10_000, 2 * minute], [5_000, 30_000]);
    activity(agent, voice.snoozed(agent.name, snoozeDays), {
      action: 'status',
      from: 'open',
      to: 'snoozed',
      days: snoozeDays,
    });
  } else if (outcome === 'resolved') {
    wait([minute, hour], [minute, 5 * minute]);
    activity(agent, voice.resolved(agent.name), { action: 'status', from: 'open', to: 'resolved' });
    resolvedAt = clock;
  }
  return { messages: out, assignee: agent, respondedAt, resolvedAt };
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The plain text as simple paragraphs: only <p> and <br>, which any sanitiser keeps. */
function toHtml(bodyText: string): string {
  return bodyText
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
