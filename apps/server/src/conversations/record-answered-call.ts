import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/index.js';
import { conversations } from '../db/schema.js';
import type { Reactions } from './conversation-events.js';
import { keepSla } from './keep-sla.js';

export type AnsweredCall = { clientId: string; conversationId: string; answeredAt: Date; agentId: string | null };

/**
 * An agent spoke with the caller: the customer is answered, on the desk (waiting ends, first response) and for
 * the SLA (its first or next response is met when the agent picked up, as a written reply meets it, see
 * writeMessage), and the agent who took the call keeps the conversation unless someone has it already.
 * One UPDATE of the row, the SLA's. Returns the desk events to publish after commit.
 */
export async function recordAnsweredCall(tx: Tx, call: AnsweredCall, reactions: Reactions): Promise<DeskEvent[]> {
  const answeredAt = call.answeredAt.toISOString();
  const kept = await keepSla(
    tx,
    reactions,
    [{ clientId: call.clientId, conversationId: call.conversationId, change: { type: 'reply', at: call.answeredAt } }],
    {
      alsoSet: {
        waitingSince: null,
        firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${answeredAt}::timestamptz)`,
        assigneeId: sql`coalesce(${conversations.assigneeId}, ${call.agentId}::uuid)`,
        updatedAt: sql`now()`,
      },
    },
  );
  return [
    { type: 'conversation.updated', clientId: call.clientId, conversationId: call.conversationId },
    ...(await kept.raise(tx, reactions)),
  ];
}
