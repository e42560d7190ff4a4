import { randomUUID } from 'node:crypto';
import type { Priority } from '@switchboard/contracts';
import type { contactIdentities, contacts, conversations, messages } from '../db/schema.js';
import { buildThread, type ThreadAgent, type ThreadChannel, type ThreadOutcome } from './build-thread.js';
import type { DemoCapacity } from './demo-capacity.js';
import type { ClientProfile, Scenario, ScenarioContext } from './scenario.js';

export type ClientDemoInput = {
  profile: ClientProfile;
  clientId: string;
  clientName: string;
  slug: string;
  inboxIds: Record<ThreadChannel, string>;
  /** Agents serving this client: tier 1 first picks, and the specialist tier 2/3 cases go to. */
  agents: ThreadAgent[];
  specialist: ThreadAgent & { tier: number };
  now: Date;
  conversationCount: number;
  contactCount: number;
  /** Open work per agent and channel so far (shared by the clients an agent serves); none: no limit. */
  capacity?: DemoCapacity;
};

export type ClientDemo = {
  contacts: (typeof contacts.$inferInsert)[];
  identities: (typeof contactIdentities.$inferInsert)[];
  conversations: (typeof conversations.$inferInsert & { id: string; number: number })[];
  messages: (typeof messages.$inferInsert)[];
};

const day = 86_400_000;
const minute = 60_000;

/**
 * One client's customers and about two months of conversations with them, as rows ready to insert.
 * Numbers follow creation order, as they would have been handed out live.
 */
export function buildClientDemo(input: ClientDemoInput): ClientDemo {
  const { profile, clientId, now } = input;
  const { faker, voice } = profile;
  const customers = buildCustomers(input);
  const identityIds = new Map<string, true>();
  const identities: ClientDemo['identities'] = [];
  const visitorIds = new Map<string, string>();

  const drafts = Array.from({ length: input.conversationCount }, () => {
    const scenario = faker.helpers.weightedArrayElement(
      input.profile.scenarios.map((value) => ({ value, weight: value.weight ?? 1 })),
    );
    const channel = faker.helpers.weightedArrayElement<ThreadChannel>([
      { value: 'email', weight: 60 },
      { value: 'chat', weight: 25 },
      { value: 'phone', weight: 15 },
    ]);
    let outcome = pickOutcome(input);
    // An answered call that stays open would look like it still waits for us; park it as pending.
    if (channel === 'phone' && outcome === 'answered') outcome = 'pending';
    const customer = faker.helpers.arrayElement(customers);
    const product = faker.helpers.arrayElement(scenario.products);
    const tier = scenario.tier ?? 1;
    const firstAgent =
      outcome === 'unanswered' ? null : tier > 1 ? input.agents[0]! : faker.helpers.arrayElement(input.agents);
    const details = profile.details(faker, product);
    const priority = scenario.priority ?? pickPriority(input);
    const write = (agent: ThreadAgent | null, ending: ThreadOutcome) => {
      const ctx = {
        ...details,
        product,
        customerFirst: customer.firstName,
        agentFirst: agent?.firstName ?? '',
        clientName: input.clientName,
      };
      const text = fillText(scenario, ctx);
      const thread = buildThread({
        faker,
        voice,
        channel,
        outcome: ending,
        ctx,
        customerName: customer.name,
        text,
        priority,
        firstAgent: agent,
        specialist: tier > 1 && agent?.id !== input.specialist.id ? { agent: input.specialist, tier } : null,
        sourceDomain: `${input.slug}.demo.test`,
      });
      return { text, thread };
    };
    let { text, thread } = write(firstAgent, outcome);
    // Open work stays with an agent who has room on its channel (across every client they serve):
    // otherwise a colleague with room takes it from the start, or, when nobody has room, the thread
    // ends waiting on the customer (pending), which counts against no capacity.
    const capacity = input.capacity;
    const overCapacity = (t: typeof thread) =>
      capacity !== undefined &&
      statusOf(outcome) === 'open' &&
      t.assignee !== null &&
      !capacity.hasRoom(t.assignee.id, channel);
    if (overCapacity(thread)) {
      const colleagues = tier > 1 ? [] : input.agents.filter((agent) => capacity!.hasRoom(agent.id, channel));
      if (colleagues.length > 0) ({ text, thread } = write(faker.helpers.arrayElement(colleagues), outcome));
      if (colleagues.length === 0 || overCapacity(thread)) {
        outcome = 'pending';
        ({ text, thread } = write(firstAgent, outcome));
      }
    }
    if (capacity && statusOf(outcome) === 'open' && thread.assignee) capacity.take(thread.assignee.id, channel);
    const lastOffset = thread.messages.at(-1)!.offset;
    const endsAgo = pickEndAgo(input, outcome, lastOffset);
    const start = now.getTime() - endsAgo - lastOffset;
    return { scenario, subject: text.subject, channel, outcome, customer, priority, tier, thread, start };
  });

  drafts.sort((a, b) => a.start - b.start);
  const rows: ClientDemo = { contacts: customers.map((c) => c.row), identities, conversations: [], messages: [] };
  drafts.forEach((draft, index) => {
    const id = randomUUID();
    const at = (offset: number) => new Date(draft.start + offset);
    const threadMessages = draft.thread.messages.map(({ offset, ...message }) => ({
      ...message,
      id: randomUUID(),
      clientId,
      conversationId: id,
      language: voice.language,
      createdAt: at(offset),
    }));
    const publicMessages = threadMessages.filter((m) => m.kind === 'incoming' || m.kind === 'outgoing');
    const last = publicMessages.at(-1)!;
    const status = statusOf(draft.outcome);
    const inboxId = input.inboxIds[draft.channel];
    addIdentity(draft.customer, draft.channel, inboxId);
    rows.messages.push(...threadMessages);
    rows.conversations.push({
      id,
      clientId,
      number: index + 1,
      inboxId,
      contactId: draft.customer.row.id,
      channel: draft.channel,
      subject: draft.subject,
      status,
      priority: draft.priority,
      tier: draft.tier,
      assigneeId: draft.thread.assignee?.id ?? null,
      waitingSince: status === 'open' ? waitingSince(publicMessages) : null,
      firstResponseAt: draft.thread.respondedAt === null ? null : at(draft.thread.respondedAt),
      resolvedAt: draft.thread.resolvedAt === null ? null : at(draft.thread.resolvedAt),
      lastMessageAt: last.createdAt,
      preview: (last.bodyText ?? '').replace(/\s+/g, ' ').trim().slice(0, 140),
      flags: [...(draft.scenario.flags ?? [])],
      tags: [...draft.scenario.tags, ...(draft.channel === 'phone' && status === 'open' ? ['callback'] : [])],
      createdAt: threadMessages[0]!.createdAt,
      updatedAt: threadMessages.at(-1)!.createdAt,
    });
  });
  return rows;

  function addIdentity(customer: DemoCustomerRow, channel: ThreadChannel, inboxId: string) {
    const key = `${customer.row.id}:${inboxId}`;
    if (identityIds.has(key)) return;
    identityIds.set(key, true);
    let sourceId = channel === 'email' ? customer.row.email! : customer.row.phone!;
    if (channel === 'chat') {
      sourceId = visitorIds.get(customer.row.id) ?? `visitor_${faker.string.alphanumeric(20)}`;
      visitorIds.set(customer.row.id, sourceId);
    }
    identities.push({ clientId, contactId: customer.row.id, inboxId, sourceId });
  }
}

type DemoCustomerRow = { row: typeof contacts.$inferInsert & { id: string }; name: string; firstName: string };

function buildCustomers(input: ClientDemoInput): DemoCustomerRow[] {
  const { faker } = input.profile;
  const emails = new Set<string>();
  return Array.from({ length: input.contactCount }, (_, index) => {
    const customer = input.profile.customer(faker);
    // Two customers with the same generated address would be one person to the e-mail channel.
    const email = emails.has(customer.email) ? customer.email.replace('@', `.${index}@`) : customer.email;
    emails.add(email);
    const row = {
      id: randomUUID(),
      clientId: input.clientId,
      name: customer.name,
      email,
      phone: customer.phone,
      locale: customer.locale,
      createdAt: new Date(input.now.getTime() - faker.number.int({ min: 61 * day, max: 720 * day })),
    };
    return { row, name: customer.name, firstName: customer.firstName };
  });
}

/** The scenario's text with this conversation's names, order number and product filled in. */
function fillText(scenario: Scenario, c: ScenarioContext) {
  return {
    subject: scenario.subject(c),
    topic: scenario.topic(c),
    question: scenario.question(c),
    answer: scenario.answer(c),
    followUp: scenario.followUp?.(c),
    followUpAnswer: scenario.followUpAnswer?.(c),
    note: scenario.note?.(c),
  };
}

function pickOutcome({ profile }: ClientDemoInput): ThreadOutcome {
  return profile.faker.helpers.weightedArrayElement<ThreadOutcome>([
    { value: 'unanswered', weight: 15 },
    { value: 'awaiting-reply', weight: 17 },
    { value: 'answered', weight: 8 },
    { value: 'pending', weight: 15 },
    { value: 'snoozed', weight: 5 },
    { value: 'resolved', weight: 40 },
  ]);
}

function pickPriority({ profile }: ClientDemoInput): Priority {
  return profile.faker.helpers.weightedArrayElement<Priority>([
    { value: 'normal', weight: 82 },
    { value: 'low', weight: 9 },
    { value: 'high', weight: 7 },
    { value: 'urgent', weight: 2 },
  ]);
}

/** How long ago the thread's last message was: open work is recent, resolved work spreads over 60 days. */
function pickEndAgo({ profile }: ClientDemoInput, outcome: ThreadOutcome, length: number): number {
  const { faker } = profile;
  const within = (min: number, max: number) => faker.number.int({ min, max: Math.max(min, max) });
  switch (outcome) {
    case 'unanswered':
    case 'awaiting-reply':
      return faker.datatype.boolean(0.85) ? within(2 * minute, 20 * 60 * minute) : within(day, 4 * day);
    case 'answered':
      return within(60 * minute, 2 * day);
    case 'pending':
      return within(2 * 60 * minute, 7 * day);
    case 'snoozed':
      return within(60 * minute, day);
    case 'resolved':
      return within(30 * minute, 59 * day - length);
  }
}

function statusOf(outcome: ThreadOutcome) {
  if (outcome === 'pending' || outcome === 'snoozed' || outcome === 'resolved') return outcome;
  return 'open' as const;
}

/** The customer has waited since their first message after our last reply, if they wrote last. */
function waitingSince(publicMessages: { kind: string; createdAt: Date }[]): Date | null {
  let since: Date | null = null;
  for (const message of publicMessages) {
    if (message.kind === 'outgoing') since = null;
    else since ??= message.createdAt;
  }
  return since;
}
