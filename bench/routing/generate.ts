import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/index.js';
import {
  agencyUsers,
  agentClients,
  clients,
  contacts,
  conversations,
  inboxes,
  routingSettings,
} from '../../apps/server/src/db/schema.js';

export type RoutingSizes = { conversations: number; agents: number; clients: number; seed: number };

/** A small deterministic generator (mulberry32), so every run routes the same scenario. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const chunks = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/**
 * The scenario: clients (every fourth Persian-speaking, each with a refund → billing specialist rule),
 * agents online serving 2–4 clients each (tiers 1/2/3 at 70/20/10 %, a third with the billing skill),
 * and a backlog of waiting conversations: mostly e-mail, some chat and phone, priorities, 2 % emergencies,
 * tier 2/3 work, Persian customers, and a quarter of customers with a familiar agent.
 */
export async function generateRoutingScenario(db: Db, sizes: RoutingSizes): Promise<void> {
  const rnd = random(sizes.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  await db.execute(sql`TRUNCATE clients, agency_users CASCADE`);
  const clientRows = await db
    .insert(clients)
    .values(
      Array.from({ length: sizes.clients }, (_, i) => ({
        slug: `client-${i}`,
        name: `Client ${i}`,
        ticketPrefix: `C${i}`,
        locale: i % 4 === 3 ? 'fa' : 'en',
      })),
    )
    .returning();
  const inboxRows = await db
    .insert(inboxes)
    .values(
      clientRows.map((c) => ({
        clientId: c.id,
        name: 'Support',
        channel: 'email' as const,
        key: `bench-${c.slug}`,
        settings: { channel: 'email', address: `support@${c.slug}.test` },
      })),
    )
    .returning();
  await db
    .insert(routingSettings)
    .values(clientRows.map((c) => ({ clientId: c.id, specialistRules: [{ tag: 'refund', skill: 'billing' }] })));

  const agentRows = await db
    .insert(agencyUsers)
    .values(
      Array.from({ length: sizes.agents }, (_, i) => {
        const r = rnd();
        return {
          email: `agent${i}@bench.test`,
          name: `Agent ${i}`,
          passwordHash: 'bench',
          tier: r < 0.7 ? 1 : r < 0.9 ? 2 : 3,
          skills: i % 3 === 0 ? ['billing'] : [],
          languages: i % 2 === 0 ? ['en', 'fa'] : ['en'],
          capacity: { email: 60, chat: 5, phone: 2 },
          presence: 'online' as const,
          deskSeenAt: new Date(),
        };
      }),
    )
    .returning();
  const links = agentRows.flatMap((agent, i) => {
    const count = 2 + (i % 3);
    return Array.from({ length: count }, (_, k) => ({
      clientId: clientRows[(i + k * 7) % clientRows.length]!.id,
      agentId: agent.id,
    }));
  });
  const uniqueLinks = [...new Map(links.map((l) => [`${l.clientId}:${l.agentId}`, l])).values()];
  await db.insert(agentClients).values(uniqueLinks);
  const servedBy = new Map<string, string[]>();
  for (const link of uniqueLinks) servedBy.set(link.clientId, [...(servedBy.get(link.clientId) ?? []), link.agentId]);

  const contactsPerClient = Math.max(10, Math.round(sizes.conversations / sizes.clients / 2));
  const contactIds = new Map<string, string[]>();
  for (const client of clientRows) {
    const rows = await db
      .insert(contacts)
      .values(
        Array.from({ length: contactsPerClient }, (_, i) => ({
          clientId: client.id,
          name: `Customer ${i}`,
          email: `c${i}@${client.slug}.customer.test`,
          locale: client.locale,
          // A quarter of customers were answered before: their familiar agent.
          lastAgentId: rnd() < 0.25 ? pick(servedBy.get(client.id) ?? [null]) : null,
        })),
      )
      .returning({ id: contacts.id });
    contactIds.set(
      client.id,
      rows.map((r) => r.id),
    );
  }

  const now = Date.now();
  const numbers = new Map<string, number>();
  const rows = Array.from({ length: sizes.conversations }, () => {
    const index = Math.floor(rnd() * clientRows.length);
    const client = clientRows[index]!;
    const number = (numbers.get(client.id) ?? 0) + 1;
    numbers.set(client.id, number);
    const r = rnd();
    const channel = r < 0.85 ? ('email' as const) : r < 0.95 ? ('chat' as const) : ('phone' as const);
    const p = rnd();
    const t = rnd();
    return {
      clientId: client.id,
      number,
      inboxId: inboxRows[index]!.id,
      contactId: pick(contactIds.get(client.id)!),
      channel,
      subject: `Waiting ${number}`,
      priority:
        p < 0.1 ? ('low' as const) : p < 0.8 ? ('normal' as const) : p < 0.95 ? ('high' as const) : ('urgent' as const),
      flags: rnd() < 0.02 ? ['emergency'] : [],
      tags: rnd() < 0.05 ? ['refund'] : [],
      tier: t < 0.85 ? 1 : t < 0.97 ? 2 : 3,
      language: client.locale === 'fa' ? 'fa' : 'en',
      waitingSince: new Date(now - Math.floor(rnd() * 4 * 3_600_000)),
    };
  });
  for (const batch of chunks(rows, 1000)) await db.insert(conversations).values(batch);
  await db.execute(sql`ANALYZE`);
}
