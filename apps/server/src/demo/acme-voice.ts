import type { Faker } from '@faker-js/faker';
import type { ClientVoice, DemoCustomer, DetailsMaker } from './scenario.js';

const durationText = (seconds: number) => `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;

export const acmeVoice: ClientVoice = {
  language: 'en',
  digits: (value) => value,
  emailGreeting: (first) => `Hi ${first},`,
  agentSignOff: (agent, client) => `Best regards,\n${agent}\n${client} Support`,
  customerSignOff: (first) => `Thanks,\n${first}`,
  chatGreeting: (first, agent) => `Hi ${first}, this is ${agent} from Acme Outdoor. Let me check that for you.`,
  continueChat: (answer) => answer,
  nudges: [
    'Any update on this?',
    'Just following up on my message from earlier.',
    'Hello? Still waiting to hear back about this.',
  ],
  thanks: ['Perfect, thanks for the help!', 'Great, thank you.', 'Thanks, that answers it.'],
  duration: durationText,
  inboundCall: (duration, topic) => `Inbound call, ${duration} — caller asked about ${topic}.`,
  missedCall: (duration, topic) =>
    `Missed call, voicemail ${duration} — caller asked about ${topic} and would like a call back.`,
  callNotes: (answer) => `Call notes: ${answer}`,
  calledBack: (agent, duration) => `${agent} called the customer back (${duration}).`,
  autoAssigned: (agent) => `Assigned to ${agent} by routing.`,
  escalated: (agent, tier) => `Escalated to tier ${tier} and assigned to ${agent}.`,
  resolved: (agent) => `${agent} resolved the conversation.`,
  pending: (agent) => `${agent} set the conversation to pending.`,
  snoozed: (agent, days) => `${agent} snoozed the conversation for ${days} days.`,
  priorityRaised: (agent, to) => `${agent} changed the priority to ${to}.`,
  escalationNote: (topic) => `Needs a specialist: ${topic}. Escalating with the details above.`,
};

/** Order numbers, dollar prices, UPS-style tracking numbers and US sizes. */
export const acmeDetails: DetailsMaker = (faker, product) => ({
  order: `#A-${faker.number.int({ min: 10_000, max: 99_999 })}`,
  amount: `$${faker.number.int({ min: 39, max: 489 })}.${faker.helpers.arrayElement(['00', '49', '95', '99'])}`,
  days: String(faker.number.int({ min: 3, max: 9 })),
  code: faker.helpers.arrayElement(['TRAIL15', 'SPRING20', 'WELCOME10', 'CAMPFIRE']),
  tracking: `1Z${faker.string.alphanumeric({ length: 16, casing: 'upper' })}`,
  size: /boots|shoes/.test(product)
    ? faker.helpers.arrayElement(['8', '9', '9.5', '10', '10.5', '11', '12'])
    : faker.helpers.arrayElement(['S', 'M', 'L', 'XL']),
});

/** Customers with American names; addresses on example.com so no demo mail can ever reach a real inbox. */
export function acmeCustomer(faker: Faker): DemoCustomer {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  return {
    name: `${firstName} ${lastName}`,
    firstName,
    email: faker.internet.email({ firstName, lastName, provider: 'example.com' }).toLowerCase(),
    phone: `+1555${faker.string.numeric(7)}`,
    locale: 'en',
  };
}
