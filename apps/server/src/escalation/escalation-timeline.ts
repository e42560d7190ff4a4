import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/index.js';
import { conversations, messages } from '../db/schema.js';

export type TimelineActor = { type: 'agent' | 'client_user' | 'system'; id: string | null; name: string };

/**
 * One entry on the conversation's timeline about an escalation: an activity line (reminded, overdue,
 * relayed) or, with `note`, the question or answer itself. Visible to the client, who took part.
 */
export async function recordOnTimeline(
  tx: Tx,
  entry: {
    clientId: string;
    conversationId: string;
    actor: TimelineActor;
    action: string;
    escalationId: string;
    text: string;
    note?: boolean;
    data?: Record<string, string | number | boolean | null>;
  },
) {
  const [row] = await tx
    .insert(messages)
    .values({
      clientId: entry.clientId,
      conversationId: entry.conversationId,
      kind: entry.note ? 'note' : 'activity',
      authorType: entry.actor.type,
      authorId: entry.actor.id,
      authorName: entry.actor.name,
      bodyText: entry.text,
      visibleToClient: true,
      activity: { action: entry.action, escalationId: entry.escalationId, ...entry.data },
      // The transaction's now() is one instant; the timeline needs the order things were written in.
      createdAt: sql`clock_timestamp()`,
      language: /[\u0600-\u06FF]/.test(entry.text) ? 'fa' : 'en',
    })
    .returning({ id: messages.id, createdAt: messages.createdAt });
  return row!;
}

/** The client answered: the conversation needs an agent again, so it joins the queue (keeping an earlier wait). */
export async function markWaiting(tx: Tx, clientId: string, conversationId: string) {
  await tx
    .update(conversations)
    .set({ waitingSince: sql`coalesce(${conversations.waitingSince}, now())`, updatedAt: sql`now()` })
    .where(and(eq(conversations.clientId, clientId), eq(conversations.id, conversationId)));
}
