import type { PortalConversationDetail } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { findClientHistoryRow } from './client-history-repository.js';
import { toMessages } from './conversation-dto.js';
import { listMessages } from './message-repository.js';
import { toPortalSummary } from './search-client-history.js';

/** One conversation as the client sees it, by its display number; internal notes stay internal. */
export async function getClientConversation(
  db: DbOrTx,
  scope: Extract<Scope, { kind: 'client' }>,
  number: number,
): Promise<PortalConversationDetail> {
  const row = await findClientHistoryRow(db, scope.clientId, number);
  if (!row) throw notFound('Conversation');
  const thread = await listMessages(db, scope.clientId, row.id, { clientView: true });
  return { ...toPortalSummary(row), messages: toMessages(thread) };
}
