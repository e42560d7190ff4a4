import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import { inboxes, kbItems, phoneClientSettings, phoneLines, phoneQueues } from '../../db/schema.js';
import { sealSecret } from '../../platform/secrets/index.js';
import type { LineRow, QueueRow } from '../phone-repository.js';

/** A client's setup rows; every function names the client, the caller has checked the scope. */
export async function listQueues(db: DbOrTx, clientId: string): Promise<QueueRow[]> {
  return db.select().from(phoneQueues).where(eq(phoneQueues.clientId, clientId)).orderBy(asc(phoneQueues.createdAt));
}

export async function listClientLines(db: DbOrTx, clientId: string): Promise<LineRow[]> {
  return db.select().from(phoneLines).where(eq(phoneLines.clientId, clientId)).orderBy(asc(phoneLines.createdAt));
}

/** How many of these queue ids are this client's: a foreign or unknown id makes the count short. */
export async function countClientQueues(db: DbOrTx, clientId: string, queueIds: string[]): Promise<number> {
  const unique = [...new Set(queueIds)];
  if (unique.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(phoneQueues)
    .where(and(eq(phoneQueues.clientId, clientId), inArray(phoneQueues.id, unique)));
  return row?.n ?? 0;
}

/** The client's call scripts (knowledge-base items of kind `script`), one row per language version. */
export async function listScripts(db: DbOrTx, clientId: string) {
  return db
    .select({ groupId: kbItems.groupId, title: kbItems.title, language: kbItems.language, version: kbItems.version })
    .from(kbItems)
    .where(and(eq(kbItems.clientId, clientId), eq(kbItems.kind, 'script'), eq(kbItems.archived, false)))
    .orderBy(asc(kbItems.title), asc(kbItems.language));
}

export async function isClientScript(db: DbOrTx, clientId: string, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: kbItems.id })
    .from(kbItems)
    .where(and(eq(kbItems.clientId, clientId), eq(kbItems.groupId, groupId), eq(kbItems.kind, 'script')))
    .limit(1);
  return Boolean(row);
}

export async function insertPhoneInbox(
  db: DbOrTx,
  values: { clientId: string; name: string; number: string; key: string },
) {
  const [row] = await db
    .insert(inboxes)
    .values({
      clientId: values.clientId,
      name: values.name,
      channel: 'phone',
      key: values.key,
      settings: { channel: 'phone', number: values.number },
    })
    .returning({ id: inboxes.id });
  return row!.id;
}

/** A Twilio auth token is stored sealed (M7). */
const sealedToken = <T extends { authToken?: string | null | undefined }>(values: T): T =>
  values.authToken ? { ...values, authToken: sealSecret(values.authToken) } : values;

export async function insertLine(db: DbOrTx, values: typeof phoneLines.$inferInsert): Promise<LineRow> {
  const [row] = await db.insert(phoneLines).values(sealedToken(values)).returning();
  return row!;
}

export async function updateLine(
  db: DbOrTx,
  line: LineRow,
  values: Partial<typeof phoneLines.$inferInsert>,
): Promise<LineRow> {
  const [row] = await db
    .update(phoneLines)
    .set(sealedToken(values))
    .where(and(eq(phoneLines.clientId, line.clientId), eq(phoneLines.id, line.id)))
    .returning();
  return row!;
}

/** The line's phone inbox follows its number, so the inbox list shows the number the customer dials. */
export async function syncInboxNumber(db: DbOrTx, line: LineRow) {
  await db
    .update(inboxes)
    .set({ settings: { channel: 'phone', number: line.number } })
    .where(and(eq(inboxes.clientId, line.clientId), eq(inboxes.id, line.inboxId), eq(inboxes.channel, 'phone')));
}

export async function insertQueue(db: DbOrTx, values: typeof phoneQueues.$inferInsert): Promise<QueueRow> {
  const [row] = await db.insert(phoneQueues).values(values).returning();
  return row!;
}

export async function updateQueue(
  db: DbOrTx,
  queue: QueueRow,
  values: Partial<typeof phoneQueues.$inferInsert>,
): Promise<QueueRow> {
  const [row] = await db
    .update(phoneQueues)
    .set(values)
    .where(and(eq(phoneQueues.clientId, queue.clientId), eq(phoneQueues.id, queue.id)))
    .returning();
  return row!;
}

export async function upsertPhoneSettings(
  db: DbOrTx,
  clientId: string,
  values: Partial<Omit<typeof phoneClientSettings.$inferInsert, 'clientId'>>,
) {
  const [row] = await db
    .insert(phoneClientSettings)
    .values({ clientId, ...values, updatedAt: new Date() })
    .onConflictDoUpdate({ target: phoneClientSettings.clientId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row!;
}
