import type { Macro } from '@switchboard/contracts';
import { findConversationRow } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { toMacro } from './automation-dto.js';
import { listMacros } from './automation-repository.js';
import { assertOwnerInScope } from './rule-owner.js';

/** For the admin screen: a client's own macros, or the agency-wide ones when no client is named. */
export async function listOwnedMacros(db: Db, scope: Scope, clientId: string | undefined): Promise<Macro[]> {
  const owner = assertOwnerInScope(scope, clientId ?? null, 'Client');
  return (await listMacros(db, owner, { withAgency: false })).map(toMacro);
}

/** For the desk: what an agent may apply to this conversation — its client's macros, then the agency's. */
export async function listConversationMacros(
  db: Db,
  scope: Extract<Scope, { kind: 'agency' }>,
  conversationId: string,
): Promise<Macro[]> {
  const conversation = await findConversationRow(db, scope.clientIds, conversationId);
  if (!conversation) throw notFound('Conversation');
  return (await listMacros(db, conversation.client_id, { withAgency: true })).map(toMacro);
}
