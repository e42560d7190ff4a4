import type { Faker } from '@faker-js/faker';
import type { Priority } from '@switchboard/contracts';

/** The details one demo conversation is written around, already in the client's language and digits. */
export type ScenarioContext = {
  customerFirst: string;
  agentFirst: string;
  clientName: string;
  order: string;
  product: string;
  size: string;
  amount: string;
  days: string;
  code: string;
  tracking: string;
};

/**
 * A short, realistic support dialogue a demo conversation is built from: the customer's question, the
 * agent's answer and, when the thread runs longer, one follow-up round and a thank-you.
 */
export type Scenario = {
  key: string;
  subject: (c: ScenarioContext) => string;
  /** What a caller asked about, for call summaries: "Inbound call, 4m 12s — caller asked about …". */
  topic: (c: ScenarioContext) => string;
  question: (c: ScenarioContext) => string;
  answer: (c: ScenarioContext) => string;
  followUp?: (c: ScenarioContext) => string;
  followUpAnswer?: (c: ScenarioContext) => string;
  /** An internal note an agent leaves for colleagues. */
  note?: (c: ScenarioContext) => string;
  products: readonly string[];
  tags: readonly string[];
  priority?: Priority;
  tier?: 1 | 2 | 3;
  flags?: readonly string[];
  /** How often this scenario comes up relative to others (default 1). */
  weight?: number;
};

/** The fixed phrases of a client's threads (greetings, call logs, activity sentences), per language. */
export type ClientVoice = {
  language: 'en' | 'fa';
  digits: (value: string) => string;
  emailGreeting: (customerFirst: string) => string;
  agentSignOff: (agentFirst: string, clientName: string) => string;
  customerSignOff: (customerFirst: string) => string;
  chatGreeting: (customerFirst: string, agentFirst: string) => string;
  /** The answer as the next chat line, after the greeting has already said hello. */
  continueChat: (answer: string) => string;
  nudges: readonly string[];
  thanks: readonly string[];
  duration: (seconds: number) => string;
  inboundCall: (duration: string, topic: string) => string;
  missedCall: (duration: string, topic: string) => string;
  callNotes: (answer: string) => string;
  calledBack: (agentName: string, duration: string) => string;
  autoAssigned: (agentName: string) => string;
  escalated: (agentName: string, tier: number) => string;
  resolved: (agentName: string) => string;
  pending: (agentName: string) => string;
  snoozed: (agentName: string, days: number) => string;
  priorityRaised: (agentName: string, to: Priority) => string;
  escalationNote: (topic: string) => string;
};

/** The order number, price and so on of one conversation, besides the product it is about. */
export type ScenarioDetails = Pick<ScenarioContext, 'order' | 'amount' | 'days' | 'code' | 'tracking' | 'size'>;
export type DetailsMaker = (faker: Faker, product: string) => ScenarioDetails;

export type DemoCustomer = { name: string; firstName: string; email: string; phone: string; locale: 'en' | 'fa' };

/** Everything that makes one demo client's conversations its own. */
export type ClientProfile = {
  faker: Faker;
  voice: ClientVoice;
  scenarios: readonly Scenario[];
  details: DetailsMaker;
  customer: (faker: Faker) => DemoCustomer;
};
