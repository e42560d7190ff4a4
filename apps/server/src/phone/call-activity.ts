import { appendTimelineEntries } from '../conversations/index.js';
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
  const { deskEvents } = await appendTimelineEntries(context.tx, [
    {
      clientId: call.clientId,
      conversationId: call.conversationId,
      kind: 'activity',
      author: { type: 'system', name: 'Switchboard' },
      text,
      activity: { call: call.id, ...activity },
      at,
      movesConversation: true,
    },
  ]);
  context.published.push(...deskEvents);
}

export const durationText = (seconds: number | null) =>
  seconds === null ? '' : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
