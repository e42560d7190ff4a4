import { hashPassword } from '../src/auth/password.js';
import type { Db } from '../src/db/index.js';
import {
  agencyUsers,
  agentClients,
  clients,
  clientUsers,
  contacts,
  conversations,
  inboxes,
  messages,
} from '../src/db/schema.js';

export const PASSWORD = 'correct horse battery';

type ClientFixture = {
  id: string;
  slug: string;
  inboxId: string;
  contactId: string;
  contactEmail: string;
  conversationId: string;
  conversationNumber: number;
  clientUserId: string;
  clientUserEmail: string;
  noteText: string;
};

export type Agency = {
  owner: { id: string; email: string };
  supervisor: { id: string; email: string };
  /** Serves North only. */
  northAgent: { id: string; email: string };
  /** Serves South only. */
  southAgent: { id: string; email: string };
  north: ClientFixture;
  south: ClientFixture;
};

const capacity = { email: 8, chat: 3, phone: 1 };

/** Two clients, each with an inbox, a customer, a conversation and a portal user; staff of every role. */
export async function createAgency(db: Db): Promise<Agency> {
  const passwordHash = await hashPassword(PASSWORD);
  const staff = await db
    .insert(agencyUsers)
    .values([
      { email: 'owner@agency.test', name: 'Olive Owner', role: 'owner', passwordHash, capacity },
      { email: 'super@agency.test', name: 'Sam Supervisor', role: 'supervisor', passwordHash, capacity },
      { email: 'north.agent@agency.test', name: 'Nora North', role: 'agent', passwordHash, capacity },
      { email: 'south.agent@agency.test', name: 'Sid South', role: 'agent', tier: 2, passwordHash, capacity },
    ])
    .returning();
  const [owner, supervisor, northAgent, southAgent] = staff.map((u) => ({ id: u.id, email: u.email }));
  const north = await createClient(db, 'north', 'North Gear', passwordHash, northAgent!.id);
  const south = await createClient(db, 'south', 'South Flowers', passwordHash, southAgent!.id);
  return { owner: owner!, supervisor: supervisor!, northAgent: northAgent!, southAgent: southAgent!, north, south };
}

async function createClient(db: Db, slug: string, name: string, passwordHash: string, agentId: string) {
  const [client] = await db
    .insert(clients)
    .values({ slug, name, ticketPrefix: name.split(' ')[0]!, conversationSeq: 1 })
    .returning();
  const clientId = client!.id;
  await db.insert(agentClients).values({ clientId, agentId });
  const [inbox] = await db
    .insert(inboxes)
    .values({
      clientId,
      name: 'Support',
      channel: 'email',
      key: `key-${slug}`,
      settings: { channel: 'email', address: `support@${slug}.test`, senderName: name },
    })
    .returning();
  const contactEmail = `customer@${slug}-customer.test`;
  const [contact] = await db
    .insert(contacts)
    .values({ clientId, name: `${name} Customer`, email: contactEmail })
    .returning();
  const [conversation] = await db
    .insert(conversations)
    .values({
      clientId,
      number: 1,
      inboxId: inbox!.id,
      contactId: contact!.id,
      channel: 'email',
      subject: `${slug} order question`,
      waitingSince: new Date(Date.now() - 600_000),
      preview: `Where is my ${slug} order?`,
    })
    .returning();
  const noteText = `internal ${slug} secret note`;
  await db.insert(messages).values([
    {
      clientId,
      conversationId: conversation!.id,
      kind: 'incoming',
      authorType: 'contact',
      authorId: contact!.id,
      authorName: contact!.name,
      bodyText: `Where is my ${slug} order? It has been a week.`,
      createdAt: new Date(Date.now() - 600_000),
    },
    {
      clientId,
      conversationId: conversation!.id,
      kind: 'note',
      authorType: 'agent',
      authorId: agentId,
      authorName: 'Agent',
      bodyText: noteText,
      visibleToClient: false,
      createdAt: new Date(Date.now() - 300_000),
    },
  ]);
  const clientUserEmail = `owner@${slug}.test`;
  const [clientUser] = await db
    .insert(clientUsers)
    .values({ clientId, email: clientUserEmail, name: `${name} Owner`, passwordHash })
    .returning();
  return {
    id: clientId,
    slug,
    inboxId: inbox!.id,
    contactId: contact!.id,
    contactEmail,
    conversationId: conversation!.id,
    conversationNumber: 1,
    clientUserId: clientUser!.id,
    clientUserEmail,
    noteText,
  };
}
