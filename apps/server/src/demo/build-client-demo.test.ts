import { faker } from '@faker-js/faker/locale/en_US';
import { describe, expect, it } from 'vitest';
import { acmeScenarios } from './acme-scenarios.js';
import { acmeCustomer, acmeDetails, acmeVoice } from './acme-voice.js';
import { buildClientDemo } from './build-client-demo.js';

const now = new Date('2025-03-01T12:00:00Z');
const agents = [
  { id: '00000000-0000-4000-8000-000000000001', name: 'Nima Farahani', firstName: 'Nima' },
  { id: '00000000-0000-4000-8000-000000000002', name: 'Jordan Blake', firstName: 'Jordan' },
];

function build() {
  faker.seed(7);
  return buildClientDemo({
    profile: { faker, voice: acmeVoice, scenarios: acmeScenarios, details: acmeDetails, customer: acmeCustomer },
    clientId: '00000000-0000-4000-8000-0000000000c1',
    clientName: 'Acme Outdoor',
    slug: 'acme',
    inboxIds: { email: 'email-inbox', chat: 'chat-inbox', phone: 'phone-inbox' },
    agents,
    specialist: { ...agents[1]!, tier: 2 },
    now,
    conversationCount: 40,
    contactCount: 20,
  });
}

describe('buildClientDemo', () => {
  it('writes the same demo for the same seed and time, apart from row ids', () => {
    const content = (demo: ReturnType<typeof build>) => ({
      conversations: demo.conversations.map(({ id, contactId, ...rest }) => rest),
      messages: demo.messages.map(({ id, conversationId, sourceId, ...rest }) => rest),
    });
    expect(content(build())).toEqual(content(build()));
  });

  it('keeps every thread within the last 60 days and before now', () => {
    const demo = build();
    const sixtyDaysAgo = now.getTime() - 60 * 86_400_000;
    for (const message of demo.messages) {
      expect(message.createdAt!.getTime()).toBeGreaterThanOrEqual(sixtyDaysAgo);
      expect(message.createdAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    expect(demo.conversations.map((c) => c.number)).toEqual(demo.conversations.map((_, i) => i + 1));
  });
});
