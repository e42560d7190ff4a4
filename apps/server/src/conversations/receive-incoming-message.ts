import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../db/index.js';
import { clients, contactIdentities, contacts, conversations, messages } from '../db/schema.js';
import { insertMessage, type MessageRow } from './message-repository.js';

export type IncomingMessage = {
  clientId: string;
  inboxId: string;
  channel: 'email' | 'chat' | 'phone' | 'api';
  /** The customer as the channel knows them: an e-mail address, a phone number, a visitor id. */
  sender: { sourceId: string; name: string; email?: string | null; phone?: string | null; locale?: string };
  /** The conversation this message continues, when the channel's threading found one. */
  conversationId?: string | null;
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
  /** The channel's id for this message (an e-mail's Message-ID): a redelivery is recognised, not stored twice. */
  sourceId?: string | null;
  language?: string;
  receivedAt?: Date;
};

export type ReceivedMessage = { message: MessageRow; conversationId: string; created: boolean; duplicate: boolean };

/**
 * Every channel's way in: a customer's message becomes part of a conversation. Runs inside the
 * caller's transaction, so the channel can commit its own records (a raw e-mail, a chat ack) with it.
 * The customer is found by their identity in this inbox, or created; the conversation continues,
 * or a new one opens with the client's next display number; the waiting clock starts.
 */
export async function receiveIncomingMessage(tx: Tx, input: IncomingMessage): Promise<ReceivedMessage> {
  if (input.sourceId) {
    const [existing] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.clientId, input.clientId), eq(messages.sourceId, input.sourceId)))
      .limit(1);
    if (existing)
      return { message: existing, conversationId: existing.conversationId, created: false, duplicate: true };
  }
  const at = input.receivedAt ?? new Date();
  const contactId = await findOrCreateContact(tx, input);
  let conversationId = input.conversationId ?? null;
  let created = false;
  if (conversationId) {
    await tx
      .update(conversations)
      .set({
        // A customer writing again reopens the conversation and, if nobody owes them an answer yet, starts the clock.
        status: 'open',
        resolvedAt: null,
        waitingSince: sql`coalesce(${conversations.waitingSince}, ${at})`,
        lastMessageAt: at,
        preview: input.bodyText.slice(0, 140),
        updatedAt: sql`now()`,
      })
      .where(and(eq(conversations.clientId, input.clientId), eq(conversations.id, conversationId)));
  } else {
    const [client] = await tx
      .update(clients)
      .set({ conversationSeq: sql`${clients.conversationSeq} + 1` })
      .where(eq(clients.id, input.clientId))
      .returning({ seq: clients.conversationSeq });
    const [conversation] = await tx
      .insert(conversations)
      .values({
        clientId: input.clientId,
        number: client!.seq,
        inboxId: input.inboxId,
        contactId,
        channel: input.channel,
        subject: input.subject,
        waitingSince: at,
        lastMessageAt: at,
        preview: input.bodyText.slice(0, 140),
        createdAt: at,
      })
      .returning({ id: conversations.id });
    conversationId = conversation!.id;
    created = true;
    await recordAudit(tx, 'system', {
      clientId: input.clientId,
      action: 'conversation.created',
      entity: 'conversation',
      entityId: conversationId,
      data: { channel: input.channel, inboxId: input.inboxId },
    });
  }
  const message = await insertMessage(tx, {
    clientId: input.clientId,
    conversationId,
    kind: 'incoming',
    authorType: 'contact',
    authorId: contactId,
    authorName: input.sender.name,
    bodyText: input.bodyText,
    bodyHtml: input.bodyHtml ?? null,
    sourceId: input.sourceId ?? null,
    language: input.language ?? (/[\u0600-\u06FF]/.test(input.bodyText) ? 'fa' : 'en'),
    createdAt: at,
  });
  return { message, conversationId, created, duplicate: false };
}

async function findOrCreateContact(tx: Tx, input: IncomingMessage): Promise<string> {
  const [identity] = await tx
    .select({ contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.clientId, input.clientId),
        eq(contactIdentities.inboxId, input.inboxId),
        eq(contactIdentities.sourceId, input.sender.sourceId),
      ),
    )
    .limit(1);
  if (identity) return identity.contactId;
  // The same person may reach the client on another channel first: match them by e-mail or phone.
  const [known] = input.sender.email
    ? await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.clientId, input.clientId), eq(contacts.email, input.sender.email)))
        .limit(1)
    : input.sender.phone
      ? await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.clientId, input.clientId), eq(contacts.phone, input.sender.phone)))
          .limit(1)
      : [];
  const contactId =
    known?.id ??
    (
      await tx
        .insert(contacts)
        .values({
          clientId: input.clientId,
          name: input.sender.name,
          email: input.sender.email ?? null,
          phone: input.sender.phone ?? null,
          locale: input.sender.locale ?? 'en',
        })
        .returning({ id: contacts.id })
    )[0]!.id;
  await tx
    .insert(contactIdentities)
    .values({ clientId: input.clientId, contactId, inboxId: input.inboxId, sourceId: input.sender.sourceId })
    .onConflictDoNothing();
  return contactId;
}
