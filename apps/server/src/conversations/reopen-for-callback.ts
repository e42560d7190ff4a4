import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/index.js';
import { conversations } from '../db/schema.js';
import type { Reactions } from './conversation-events.js';
import { keepSla } from './keep-sla.js';

/**
 * A customer's call went unanswered: their conversation is open again, flagged `callback` and waiting in the
 * queue like any conversation (keeping an earlier wait). For the SLA it is the customer reaching out again, as
 * an incoming message is (receiveIncomingMessage): a pause ends, resolution is due again, and once they were
 * answered a next response is owed. One UPDATE of the row, the SLA's. Returns the desk events to publish after commit.
 */
export async function reopenForCallback(
  tx: Tx,
  missed: { clientId: string; conversationId: string; at: Date },
  reactions: Reactions,
): Promise<DeskEvent[]> {
  const kept = await keepSla(
    tx,
    reactions,
    [{ clientId: missed.clientId, conversationId: missed.conversationId, change: { type: 'incoming', at: missed.at } }],
    {
      alsoSet: {
        status: 'open',
        resolvedAt: null,
        waitingSince: sql`coalesce(${conversations.waitingSince}, ${missed.at.toISOString()}::timestamptz)`,
        flags: sql`(SELECT array_agg(DISTINCT f) FROM unnest(${conversations.flags} || ARRAY['callback']) f)`,
        updatedAt: sql`now()`,
      },
    },
  );
  return [
    { type: 'conversation.updated', clientId: missed.clientId, conversationId: missed.conversationId },
    ...(await kept.raise(tx, reactions)),
  ];
}
