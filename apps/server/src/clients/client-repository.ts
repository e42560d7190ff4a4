import type { Client, ClientUser, Inbox, InboxSettings } from '@switchboard/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { agencyUsers, clients, clientUsers, inboxes } from '../db/schema.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';

export const toClient = (row: typeof clients.$inferSelect): Client => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  locale: row.locale as Client['locale'],
  timezone: row.timezone,
  ticketPrefix: row.ticketPrefix,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

export const toClientUser = (row: typeof clientUsers.$inferSelect): ClientUser => ({
  id: row.id,
  clientId: row.clientId,
  email: row.email,
  name: row.name,
  locale: row.locale as ClientUser['locale'],
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

export const toInbox = (row: typeof inboxes.$inferSelect): Inbox => ({
  id: row.id,
  clientId: row.clientId,
  name: row.name,
  channel: row.channel,
  key: row.key,
  settings: redactedSettings(row.settings as InboxSettings),
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

/** A chat inbox's identity secret leaves only as whether one is set (L10). */
function redactedSettings(settings: InboxSettings): InboxSettings {
  if (settings.channel !== 'chat') return settings;
  const { identitySecret, identitySecretSet: _, ...shown } = settings;
  return { ...shown, identitySecretSet: Boolean(identitySecret) };
}

export async function selectClients(db: DbOrTx, clientIds: ClientReach) {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return [];
  const where = isEveryClient(clientIds) ? undefined : inArray(clients.id, [...clientIds]);
  return db.select().from(clients).where(where).orderBy(asc(clients.name));
}

export const findClient = async (db: DbOrTx, clientId: string) =>
  (await db.select().from(clients).where(eq(clients.id, clientId)).limit(1))[0];

export const findClientBySlug = async (db: DbOrTx, slug: string) =>
  (await db.select().from(clients).where(eq(clients.slug, slug)).limit(1))[0];

/** E-mail addresses sign people in, so they are unique across agency staff and client users. */
export async function emailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const rows = await queryRows<{ '?column?': number }>(
    db,
    sql`SELECT 1 FROM ${agencyUsers} WHERE email = ${email} UNION ALL SELECT 1 FROM ${clientUsers} WHERE email = ${email} LIMIT 1`,
  );
  return rows.length > 0;
}

export const selectClientUsers = (db: DbOrTx, clientId: string) =>
  db.select().from(clientUsers).where(eq(clientUsers.clientId, clientId)).orderBy(asc(clientUsers.name));

export const findClientUser = async (db: DbOrTx, clientId: string, userId: string) =>
  (
    await db
      .select()
      .from(clientUsers)
      .where(and(eq(clientUsers.clientId, clientId), eq(clientUsers.id, userId)))
      .limit(1)
  )[0];

export const selectInboxes = (db: DbOrTx, clientId: string) =>
  db.select().from(inboxes).where(eq(inboxes.clientId, clientId)).orderBy(asc(inboxes.name));

export const findInbox = async (db: DbOrTx, clientId: string, inboxId: string) =>
  (
    await db
      .select()
      .from(inboxes)
      .where(and(eq(inboxes.clientId, clientId), eq(inboxes.id, inboxId)))
      .limit(1)
  )[0];
