import { and, eq, sql } from 'drizzle-orm';
import { conversations, messages } from '../db/schema.js';
import type { PhoneTx } from './phone-context.js';
import type { CallRow } from './phone-repository.js';

/** A line on the conversation's timeline about its call, visible to the client like every contact. */
export async function addCallActivity(
  context: PhoneTx,
  call: CallRow,
  text: string,
  activity: Record<string, unknown>,
  at = new Date(),
): Promise<void> {
  const [message] = await context.tx
    .insert(messages)
    .values({
      clientId: call.clientId,
      conversationId: call.conversationId,
      kind: 'activity',
      authorType: 'system',
      authorName: 'Switchboard',
      bodyText: text,
      activity: { call: call.id, ...activity },
      language: /[\u0600-\u06FF]/.test(text) ? 'fa' : 'en',
      createdAt: at,
    })
    .returning({ id: messages.id });
  await context.tx
    .update(conversations)
    .set({
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(conversations.clientId, call.clientId), eq(conversations.id, call.conversationId)));
  context.published.push({
    type: 'message.created',
    clientId: call.clientId,
    conversationId: call.conversationId,
    messageId: message!.id,
    internal: false,
  });
}

export const durationText = (seconds: number | null) =>
  seconds === null ? '' : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
