import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/index.js';
import { conversations } from '../db/schema.js';

export type ConversationSet = PgUpdateSetSource<typeof conversations>;

const oneConversation = (clientId: string, conversationId: string) =>
  and(eq(conversations.clientId, clientId), eq(conversations.id, conversationId));

/** Writes what a use-case of this slice decided about one conversation (an SLA change goes through the SLA keeper, see SlaKeeper). */
export async function updateConversationState(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  set: ConversationSet,
): Promise<void> {
  await db.update(conversations).set(set).where(oneConversation(clientId, conversationId));
}

/** The conversation's last activity moves up to `at` (never back: entries may arrive late). */
export async function moveLastActivity(db: DbOrTx, clientId: string, conversationId: string, at: Date): Promise<void> {
  await updateConversationState(db, clientId, conversationId, {
    lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
    updatedAt: sql`now()`,
  });
}

/** Adds or removes one of the desk's flags on a conversation ("awaiting-client", "client-answered", "callback"). */
export async function setDeskFlag(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  flag: string,
  on: boolean,
): Promise<void> {
  await updateConversationState(db, clientId, conversationId, {
    flags: on
      ? sql`CASE WHEN ${flag} = ANY(${conversations.flags}) THEN ${conversations.flags} ELSE array_append(${conversations.flags}, ${flag}) END`
      : sql`array_remove(${conversations.flags}, ${flag})`,
    updatedAt: sql`now()`,
  });
}

/**
 * The conversation needs an agent again (the client answered an escalation): it joins the queue, keeping an
 * earlier wait. The customer wrote nothing, so the SLA clock does not move; the relayed answer is the reply.
 */
export async function returnToQueue(db: DbOrTx, clientId: string, conversationId: string): Promise<void> {
  await updateConversationState(db, clientId, conversationId, {
    waitingSince: sql`coalesce(${conversations.waitingSince}, now())`,
    updatedAt: sql`now()`,
  });
}
