import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { saveChatState } from './chat-repository.js';

/** The visitor's satisfaction rating at the end of a chat (1–5, an optional comment); the last one counts. */
export async function rateChat(
  db: Db,
  events: DeskEventPublisher,
  input: { clientId: string; conversationId: string; score: number; comment: string | undefined },
): Promise<void> {
  const { clientId, conversationId } = input;
  await db.transaction(async (tx) => {
    await saveChatState(tx, clientId, conversationId, {
      rating: input.score,
      ratingComment: input.comment?.trim() || null,
    });
    await recordAudit(tx, 'system', {
      clientId,
      action: 'chat.rated',
      entity: 'conversation',
      entityId: conversationId,
      data: { score: input.score },
    });
  });
  await events.publish({ type: 'conversation.updated', clientId, conversationId });
}
