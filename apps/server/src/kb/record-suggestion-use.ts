import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { findItemRow, findSuggestionContext, recordItemUse } from './kb-repository.js';

/** An agent inserted a suggestion into a reply: counted, so answers that help rise in the ranking. */
export async function recordSuggestionUse(
  db: Db,
  options: { scope: Extract<Scope, { kind: 'agency' }>; conversationId: string; itemId: string },
): Promise<{ usageCount: number }> {
  return db.transaction(async (tx) => {
    const context = await findSuggestionContext(tx, options.scope.clientIds, options.conversationId);
    if (!context) throw notFound('Conversation');
    // The item must belong to the conversation's client: a foreign item answers 404 like a missing one.
    const item = await findItemRow(tx, context.client_id, options.itemId);
    if (!item) throw notFound('Item');
    const usageCount = await recordItemUse(tx, {
      clientId: context.client_id,
      itemId: item.id,
      conversationId: options.conversationId,
      agentId: options.scope.userId,
    });
    await recordAudit(tx, options.scope, {
      clientId: context.client_id,
      action: 'kb.item_used',
      entity: 'kb_item',
      entityId: item.id,
      data: { conversationId: options.conversationId },
    });
    return { usageCount };
  });
}
