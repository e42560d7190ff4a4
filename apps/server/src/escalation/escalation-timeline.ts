import { appendTimelineEntries } from '../conversations/index.js';
import type { Tx } from '../db/index.js';

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
  const { entries } = await appendTimelineEntries(tx, [
    {
      clientId: entry.clientId,
      conversationId: entry.conversationId,
      kind: entry.note ? 'note' : 'activity',
      author: entry.actor,
      text: entry.text,
      activity: { action: entry.action, escalationId: entry.escalationId, ...entry.data },
    },
  ]);
  return entries[0]!;
}
