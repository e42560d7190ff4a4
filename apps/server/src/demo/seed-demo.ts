import { randomUUID } from 'node:crypto';
import { faker as fakerEnUs } from '@faker-js/faker/locale/en_US';
import { faker as fakerFa } from '@faker-js/faker/locale/fa';
import { eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { hashPassword } from '../auth/index.js';
import { seedAgencyAutomation, seedAutomation } from '../automation/index.js';
import { newInboxKey } from '../clients/index.js';
import type { Db, DbOrTx } from '../db/index.js';
import {
  agencyUsers,
  agentClients,
  auditLog,
  clients,
  clientUsers,
  contactIdentities,
  contacts,
  conversations,
  inboxes,
  messages,
  routingSettings,
  slaEvents,
  slaPolicies,
} from '../db/schema.js';
import { seedDemoEscalations } from '../escalation/index.js';
import { seedKnowledgeBase } from '../kb/index.js';
import { acmeSlaPolicy, golestanSlaPolicy, planDemoSla } from '../sla/index.js';
import { acmeScenarios } from './acme-scenarios.js';
import { acmeCustomer, acmeDetails, acmeVoice } from './acme-voice.js';
import { buildClientDemo, type ClientDemo } from './build-client-demo.js';
import type { ThreadAgent, ThreadChannel } from './build-thread.js';
import { DemoCapacity } from './demo-capacity.js';
import {
  type DemoClient,
  type DemoClientSlug,
  demoAgencyUsers,
  demoClients,
  demoPassword,
  demoRouting,
} from './demo-people.js';
import { golestanScenarios } from './golestan-scenarios.js';
import { golestanCustomer, golestanDetails, golestanVoice } from './golestan-voice.js';
import type { ClientProfile } from './scenario.js';
import { seedPhoneDemo } from './seed-phone-demo.js';

export { demoSignIns } from './demo-people.js';

export type SeedDemoOptions = { now?: Date; conversationsPerClient?: number };

const adminEmail = demoAgencyUsers[0]!.email;
const demoSlaPolicies = { acme: acmeSlaPolicy, golestan: golestanSlaPolicy };
const contactsPerClient = 60;
/** Rows per INSERT: large enough to keep round trips few, small enough for the parameter limit. */
const batchSize = 400;

const profiles: Record<DemoClientSlug, () => ClientProfile> = {
  acme: () => ({
    faker: fakerEnUs,
    voice: acmeVoice,
    scenarios: acmeScenarios,
    details: acmeDetails,
    customer: acmeCustomer,
  }),
  golestan: () => ({
    faker: fakerFa,
    voice: golestanVoice,
    scenarios: golestanScenarios,
    details: golestanDetails,
    customer: golestanCustomer,
  }),
};

/**
 * Fills an empty installation with a demo agency: staff of every tier, an English and a Persian client
 * with their inboxes, customers and two months of conversations. Does nothing if the demo admin already
 * exists; otherwise writes everything in one transaction, so a crash never leaves half a demo.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<{ seeded: boolean }> {
  if (await demoExists(db)) return { seeded: false };
  const now = options.now ?? new Date();
  const perClient = options.conversationsPerClient ?? 150;
  // Hashed once for every demo user: argon2 is slow on purpose.
  const passwordHash = await hashPassword(demoPassword);
  fakerEnUs.seed(1701);
  fakerFa.seed(1402);

  return db.transaction(async (tx) => {
    // Two processes starting together on a fresh database: the second waits, then finds the demo.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('switchboard.seed-demo'))`);
    if (await demoExists(tx)) return { seeded: false };

    const agents = demoAgencyUsers.map((user) => ({ ...user, id: randomUUID() }));
    await tx.insert(agencyUsers).values(
      agents.map(({ id, email, name, role, tier, skills, languages, capacity, locale, presence }) => ({
        id,
        email,
        name,
        passwordHash,
        role,
        tier,
        skills,
        languages,
        capacity,
        locale,
        presence,
        presenceChangedAt: now,
        deskSeenAt: now,
      })),
    );

    // Capacity is per agent across the clients they serve: one tally for the whole demo.
    const capacity = new DemoCapacity(new Map(agents.map((agent) => [agent.id, agent.capacity])));
    const summary: Record<string, unknown> = {};
    for (const client of demoClients) {
      const clientId = randomUUID();
      await tx.insert(clients).values({
        id: clientId,
        slug: client.slug,
        name: client.name,
        locale: client.locale,
        timezone: client.timezone,
        ticketPrefix: client.ticketPrefix,
        conversationSeq: perClient,
      });
      const serving = agents.filter((agent) => agent.serves.includes(client.slug));
      await tx.insert(agentClients).values(serving.map((agent) => ({ clientId, agentId: agent.id })));
      await tx
        .insert(clientUsers)
        .values(client.users.map((user) => ({ ...user, clientId, passwordHash, createdAt: now })));
      const inboxIds = await insertInboxes(tx, client, clientId);

      const toThreadAgent = (agent: (typeof agents)[number]): ThreadAgent => {
        const name = client.locale === 'fa' ? agent.nameFa : agent.name;
        return { id: agent.id, name, firstName: name.split(' ')[0]! };
      };
      const byTier = [...serving].sort((a, b) => a.tier - b.tier);
      const specialist = byTier.at(-1)!;
      const demo = buildClientDemo({
        profile: profiles[client.slug](),
        clientId,
        clientName: client.localName,
        slug: client.slug,
        inboxIds,
        agents: byTier.map(toThreadAgent),
        specialist: { ...toThreadAgent(specialist), tier: specialist.tier },
        now,
        conversationCount: perClient,
        contactCount: contactsPerClient,
        capacity,
      });
      const policy = demoSlaPolicies[client.slug];
      const sla = planDemoSla({ clientId, policy, language: client.locale, now, ...demo });
      demo.messages.push(...sla.activities);
      await insertClientDemo(tx, demo);
      await tx.insert(routingSettings).values({ clientId, ...demoRouting[client.slug] });
      await tx.insert(slaPolicies).values({ clientId, ...policy });
      await insertInBatches(tx, slaEvents, sla.events);
      await seedChatStates(tx, clientId, client.slug);
      const knowledge = await seedKnowledgeBase(tx, { clientId, slug: client.slug });
      await seedAutomation(tx, { clientId, slug: client.slug });
      const firstAgent = toThreadAgent(byTier[0]!);
      await seedDemoEscalations(tx, {
        clientId,
        slug: client.slug,
        locale: client.locale,
        now,
        agent: { id: firstAgent.id, name: firstAgent.name },
      });
      const phone = await seedPhoneDemo(tx, {
        client,
        clientId,
        inboxId: inboxIds.phone,
        agentIds: serving.map((agent) => agent.id),
        knowledge,
        now,
      });
      const counts = {
        contacts: demo.contacts.length,
        conversations: demo.conversations.length,
        messages: demo.messages.length,
        calls: phone.calls,
        callbacks: phone.callbacks,
      };
      summary[client.slug] = counts;
      await tx.insert(auditLog).values({
        clientId,
        actorKind: 'system',
        action: 'demo.seeded',
        entity: 'client',
        entityId: clientId,
        data: { slug: client.slug, ...counts },
        at: now,
      });
    }
    await seedAgencyAutomation(tx);
    await tx.insert(auditLog).values({
      actorKind: 'system',
      action: 'demo.seeded',
      entity: 'agency',
      entityId: 'demo',
      data: { agencyUsers: agents.length, clients: summary },
      at: now,
    });
    return { seeded: true };
  });
}

async function demoExists(db: DbOrTx): Promise<boolean> {
  const rows = await db
    .select({ id: agencyUsers.id })
    .from(agencyUsers)
    .where(eq(agencyUsers.email, adminEmail))
    .limit(1);
  return rows.length > 0;
}

async function insertInboxes(db: DbOrTx, client: DemoClient, clientId: string) {
  const rows = [
    {
      channel: 'email' as const,
      settings: { channel: 'email', address: client.supportAddress, senderName: client.senderName },
    },
    {
      channel: 'chat' as const,
      settings: {
        channel: 'chat',
        allowedOrigins: ['http://localhost:3000', `https://www.${client.slug}.demo.test`],
        greeting: client.chatGreeting,
        color: client.locale === 'fa' ? '#c2255c' : '#2f9e44',
        preChat: [
          { field: 'name', required: true },
          { field: 'email', required: false },
        ],
        // Staffed around the clock in the demo: the widget offers live chat whenever an agent is online.
        businessHours: { timeZone: 'UTC', days: Array.from({ length: 7 }, () => ({ open: '00:00', close: '00:00' })) },
        locale: client.locale === 'fa' ? 'fa' : 'auto',
        identitySecret: '',
      },
    },
    {
      channel: 'phone' as const,
      settings: { channel: 'phone', number: client.phoneNumber },
    },
  ].map((inbox) => ({
    ...inbox,
    name: client.inboxNames[inbox.channel],
    id: randomUUID(),
    clientId,
    key: newInboxKey(),
  }));
  await db.insert(inboxes).values(rows);
  const ids = Object.fromEntries(rows.map((row) => [row.channel, row.id]));
  return ids as Record<ThreadChannel, string>;
}

/** The demo chats' side panel: the page each visitor was on, and a rating on most finished chats. */
async function seedChatStates(db: DbOrTx, clientId: string, slug: string): Promise<void> {
  const pages = ['/', '/shop', '/delivery', '/contact', '/faq'];
  await db.execute(sql`INSERT INTO chat_conversation_states (client_id, conversation_id, page_url, page_title, rating, updated_at)
    SELECT client_id, id,
      ${`https://www.${slug}.demo.test`} || (string_to_array(${pages.join(',')}, ','))[1 + number % ${pages.length}],
      subject,
      CASE WHEN status = 'resolved' AND number % 4 <> 0 THEN 3 + number % 3 END,
      last_message_at
    FROM conversations WHERE client_id = ${clientId} AND channel = 'chat'`);
}

async function insertClientDemo(db: DbOrTx, demo: ClientDemo): Promise<void> {
  await insertInBatches(db, contacts, demo.contacts);
  await insertInBatches(db, contactIdentities, demo.identities);
  await insertInBatches(db, conversations, demo.conversations);
  await insertInBatches(db, messages, demo.messages);
}

async function insertInBatches<T extends PgTable>(db: DbOrTx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.insert(table).values(rows.slice(start, start + batchSize));
  }
}
