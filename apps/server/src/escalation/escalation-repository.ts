import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, jsonRows, type Lookup, queryRows } from '../db/index.js';
import { conversations, emailDeliveries, escalationEmails, escalationSettings, escalations } from '../db/schema.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';

/** The only code of the escalation slice that touches the database. Every query names its client(s). */

export type EscalationRow = typeof escalations.$inferSelect;
export type EscalationListRow = EscalationRow & {
  conversationNumber: number;
  conversationSubject: string;
  customerName: string;
  channel: string;
};

const withConversation = {
  conversationNumber: conversations.number,
  conversationSubject: conversations.subject,
  customerName: sql<string>`(SELECT name FROM contacts WHERE contacts.id = ${conversations.contactId})`,
  channel: sql<string>`${conversations.channel}::text`,
};

const clientIn = (clientIds: ClientReach) =>
  isEveryClient(clientIds) ? sql`TRUE` : inArray(escalations.clientId, [...clientIds]);

export async function insertEscalation(db: DbOrTx, values: typeof escalations.$inferInsert): Promise<EscalationRow> {
  const [row] = await db.insert(escalations).values(values).returning();
  return row!;
}

export async function findEscalation(
  db: DbOrTx,
  clientIds: ClientReach,
  escalationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<EscalationRow | undefined> {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return undefined;
  const query = db
    .select()
    .from(escalations)
    .where(and(clientIn(clientIds), eq(escalations.id, escalationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findEscalationByRef(db: DbOrTx, clientId: string, ref: string) {
  const [row] = await db
    .select()
    .from(escalations)
    .where(and(eq(escalations.clientId, clientId), eq(escalations.ref, ref)))
    .for('update');
  return row;
}

/** The escalation one of our e-mails to the client belongs to, by the Message-IDs a reply quotes. */
export async function findEscalationIdByEmailIds(db: DbOrTx, clientId: string, rfcIds: string[]) {
  if (rfcIds.length === 0) return undefined;
  const [row] = await db
    .select({ escalationId: escalationEmails.escalationId })
    .from(escalationEmails)
    .where(and(eq(escalationEmails.clientId, clientId), inArray(escalationEmails.rfcMessageId, rfcIds)))
    .orderBy(desc(escalationEmails.createdAt))
    .limit(1);
  return row?.escalationId;
}

/** Of these e-mails (by index), the ones that quote a Message-ID of one of our escalation e-mails to their client. */
export function quotingEscalationEmails(
  items: { i: number; clientId: string; rfcIds: string[] }[],
): Lookup<Set<number>> {
  const pairs = items.flatMap(({ i, clientId, rfcIds }) => rfcIds.map((rfc) => ({ i, client_id: clientId, rfc })));
  return {
    query: sql`SELECT DISTINCT q.i FROM jsonb_to_recordset(${jsonRows(pairs)}) AS q(i int, client_id uuid, rfc text)
      JOIN escalation_emails e ON e.client_id = q.client_id AND e.rfc_message_id = q.rfc`,
    read: (rows) => new Set(rows.map((r) => Number(r.i))),
  };
}

export async function updateEscalation(
  db: DbOrTx,
  clientId: string,
  escalationId: string,
  set: Partial<typeof escalations.$inferInsert>,
  onlyIf = sql`TRUE`,
): Promise<EscalationRow | undefined> {
  const [row] = await db
    .update(escalations)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(escalations.clientId, clientId), eq(escalations.id, escalationId), onlyIf))
    .returning();
  return row;
}

export async function listEscalations(
  db: DbOrTx,
  options: {
    clientIds: ClientReach;
    conversationId?: string;
    escalationId?: string;
    state?: 'open' | 'overdue' | 'answered' | undefined;
    limit?: number;
  },
): Promise<EscalationListRow[]> {
  if (!isEveryClient(options.clientIds) && options.clientIds.length === 0) return [];
  const where = [clientIn(options.clientIds)];
  if (options.conversationId) where.push(eq(escalations.conversationId, options.conversationId));
  if (options.escalationId) where.push(eq(escalations.id, options.escalationId));
  if (options.state === 'open') where.push(sql`${escalations.status} = 'open' AND ${escalations.dueAt} > now()`);
  if (options.state === 'overdue') where.push(sql`${escalations.status} = 'open' AND ${escalations.dueAt} <= now()`);
  if (options.state === 'answered') where.push(inArray(escalations.status, ['answered', 'relayed']));
  const rows = await db
    .select({ escalation: escalations, ...withConversation })
    .from(escalations)
    .innerJoin(
      conversations,
      and(eq(conversations.clientId, escalations.clientId), eq(conversations.id, escalations.conversationId)),
    )
    .where(and(...where))
    // Waiting ones first, the most urgent on top; then the answered, newest first.
    .orderBy(
      sql`CASE WHEN ${escalations.status} = 'open' THEN 0 ELSE 1 END`,
      sql`CASE WHEN ${escalations.status} = 'open' THEN ${escalations.dueAt} END ASC`,
      desc(escalations.createdAt),
      asc(escalations.id),
    )
    .limit(options.limit ?? 200);
  return rows.map(({ escalation, ...rest }) => ({ ...escalation, ...rest }));
}

export async function insertEscalationEmail(db: DbOrTx, values: typeof escalationEmails.$inferInsert) {
  await db.insert(escalationEmails).values(values);
}

export async function findSettings(db: DbOrTx, clientId: string) {
  const [row] = await db.select().from(escalationSettings).where(eq(escalationSettings.clientId, clientId));
  return row;
}

export async function upsertSettings(
  db: DbOrTx,
  clientId: string,
  set: { autoRelay?: boolean; noticeTemplates?: Record<string, string> },
) {
  await db
    .insert(escalationSettings)
    .values({ clientId, ...set })
    .onConflictDoUpdate({ target: escalationSettings.clientId, set: { ...set, updatedAt: sql`now()` } });
}

/** Escalations whose timers a crash kept from being queued (the NOTIFY was lost). */
export async function listUnqueuedEscalations(db: DbOrTx, before: Date) {
  return db
    .select({ clientId: escalations.clientId, id: escalations.id })
    .from(escalations)
    .where(
      sql`${escalations.timersQueuedAt} IS NULL AND ${escalations.status} = 'open' AND ${escalations.createdAt} < ${before}`,
    )
    .limit(500);
}

/** Who hears about an escalation: the client's active portal users. */
export async function listClientRecipients(db: DbOrTx, clientId: string) {
  return queryRows<{ id: string; email: string; name: string; locale: string }>(
    db,
    sql`SELECT id, email, name, locale FROM client_users WHERE client_id = ${clientId} AND active ORDER BY created_at`,
  );
}

export async function isClientUserAddress(db: DbOrTx, clientId: string, address: string) {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM client_users WHERE client_id = ${clientId} AND active AND lower(email) = ${address.toLowerCase()}`,
  );
  return rows[0];
}

export type EscalationContext = {
  conversationId: string;
  clientId: string;
  number: number;
  subject: string;
  channel: string;
  status: string;
  inboxId: string;
  clientName: string;
  clientSlug: string;
  clientLocale: string;
  ticketPrefix: string;
  contactName: string;
  contactLocale: string;
  /** The e-mail inbox escalation mail is sent from: the conversation's own, else the client's first. */
  emailInboxId: string | null;
  emailAddress: string | null;
  senderName: string | null;
};

/** Everything escalation needs to know about a conversation of one client. */
export async function findEscalationContext(db: DbOrTx, clientId: string, conversationId: string, forUpdate = false) {
  const [row] = await queryRows<EscalationContext>(
    db,
    sql`SELECT c.id AS "conversationId", c.client_id AS "clientId", c.number, c.subject, c.channel::text AS channel,
        c.status::text AS status, c.inbox_id AS "inboxId", cl.name AS "clientName", cl.slug AS "clientSlug",
        cl.locale AS "clientLocale", cl.ticket_prefix AS "ticketPrefix", ct.name AS "contactName",
        ct.locale AS "contactLocale", ei.id AS "emailInboxId", lower(ei.settings->>'address') AS "emailAddress",
        coalesce(ei.settings->>'senderName', cl.name) AS "senderName"
      FROM conversations c JOIN clients cl ON cl.id = c.client_id JOIN contacts ct ON ct.id = c.contact_id
      LEFT JOIN LATERAL (
        SELECT i.id, i.settings FROM inboxes i
        WHERE i.client_id = c.client_id AND i.channel = 'email' AND i.active
        ORDER BY (i.id = c.inbox_id) DESC, i.created_at LIMIT 1
      ) ei ON TRUE
      WHERE c.client_id = ${clientId} AND c.id = ${conversationId}
      ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`,
  );
  return row;
}

/** Public knowledge-base items of this client, by id: what a customer may be sent a link to. */
export async function findPublicKbItems(db: DbOrTx, clientId: string, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  return queryRows<{ id: string; title: string; language: string }>(
    db,
    sql`SELECT id, title, language FROM kb_items WHERE client_id = ${clientId} AND visibility = 'public'
      AND NOT archived AND id IN ${sql`(${sql.join(
        itemIds.map((id) => sql`${id}`),
        sql`, `,
      )})`}`,
  );
}

export type SendableAttachment = {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
  sha256: string;
};

/**
 * Files an escalation may send the customer: of this client only, and either already in this
 * conversation or sent out by the agency itself (an agent's reply or note elsewhere, e.g. a manual).
 * Another customer's uploads never qualify. Unknown or foreign ids are left out.
 */
export async function findSendableAttachments(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  attachmentIds: readonly string[],
): Promise<SendableAttachment[]> {
  if (attachmentIds.length === 0) return [];
  return queryRows<SendableAttachment>(
    db,
    sql`SELECT a.id, a.filename, a.content_type, a.size, a.storage_key, a.sha256
      FROM attachments a JOIN messages m ON m.client_id = a.client_id AND m.id = a.message_id
      WHERE a.client_id = ${clientId} AND a.id IN (${sql.join(
        attachmentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        AND (m.conversation_id = ${conversationId} OR (m.kind IN ('outgoing', 'note') AND m.author_type <> 'contact'))
      ORDER BY a.filename, a.id`,
  );
}

export async function listPublicKbItems(db: DbOrTx, clientId: string, language: string) {
  return queryRows<{ id: string; title: string; language: string }>(
    db,
    sql`SELECT id, title, language FROM kb_items WHERE client_id = ${clientId} AND visibility = 'public'
      AND NOT archived AND kind IN ('answer', 'article') ORDER BY (language = ${language}) DESC, usage_count DESC, title
      LIMIT 50`,
  );
}

export async function listEscalationEmails(db: DbOrTx, clientId: string, escalationId: string) {
  return db
    .select({ rfc: escalationEmails.rfcMessageId, to: escalationEmails.toAddress, kind: escalationEmails.kind })
    .from(escalationEmails)
    .where(and(eq(escalationEmails.clientId, clientId), eq(escalationEmails.escalationId, escalationId)))
    .orderBy(asc(escalationEmails.createdAt));
}

/** The Message-ID the outbox fixed for one of its deliveries. */
export async function findDeliveryMessageId(db: DbOrTx, clientId: string, deliveryId: string): Promise<string> {
  const [row] = await db
    .select({ rfc: emailDeliveries.rfcMessageId })
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.clientId, clientId), eq(emailDeliveries.id, deliveryId)));
  return row!.rfc;
}
