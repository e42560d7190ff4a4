import type { ChatDetail } from '@switchboard/contracts';
import { findConversationRow } from '../conversations/index.js';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { findChatState } from './chat-repository.js';

const iso = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null);

/** The desk's chat panel: the page the visitor is on, what they read, the rating, the escalation. */
export async function getChatDetail(
  db: DbOrTx,
  scope: Extract<Scope, { kind: 'agency' }>,
  conversationId: string,
): Promise<ChatDetail> {
  const conversation = await findConversationRow(db, scope.clientIds, conversationId);
  if (conversation?.channel !== 'chat') throw notFound('Chat');
  const state = await findChatState(db, conversation.client_id, conversation.id);
  return {
    pageUrl: state?.pageUrl ?? null,
    pageTitle: state?.pageTitle ?? null,
    visitorReadAt: iso(state?.visitorReadAt),
    rating: state?.rating ?? null,
    ratingComment: state?.ratingComment ?? null,
    escalatedAt: iso(state?.escalatedAt),
    verified: Boolean(state?.verifiedUserId),
    claimedEmail: state?.claimedEmail ?? null,
    claimedPhone: state?.claimedPhone ?? null,
  };
}
