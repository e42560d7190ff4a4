import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { conversations } from '../db/schema.js';
import { notFound } from '../platform/errors.js';
import { isEveryClient, readableClientIds, type Scope } from '../platform/scope.js';

/** The client of a conversation the caller may read; anything else is "not found". */
export async function findConversationClient(db: DbOrTx, scope: Scope, conversationId: string): Promise<string> {
  const clientIds = readableClientIds(scope);
  if (!isEveryClient(clientIds) && clientIds.length === 0) throw notFound('Conversation');
  const [row] = await db
    .select({ clientId: conversations.clientId })
    .from(conversations)
    .where(
      and(
        eq(conversations.id, conversationId),
        isEveryClient(clientIds) ? undefined : inArray(conversations.clientId, [...clientIds]),
      ),
    );
  if (!row) throw notFound('Conversation');
  return row.clientId;
}
