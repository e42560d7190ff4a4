import type { CallScreenPop } from '@switchboard/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { conversations, kbItems } from '../db/schema.js';
import { fillPlaceholders } from '../kb/index.js';
import { notFound } from '../platform/errors.js';
import { readableClientIds, type Scope } from '../platform/scope.js';
import { listCalls } from './list-calls.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

import { findLine } from './phone-repository.js';

/**
 * What the agent sees when a call pops up: the call with the caller matched to the client's contact,
 * their recent conversations on every channel, and the line's call script in the caller's language.
 */
export async function getScreenPop(
  db: DbOrTx,
  scope: Scope,
  callId: string,
  agentName: string,
): Promise<CallScreenPop> {
  const [call] = await listCalls(db, readableClientIds(scope), { callIds: [callId], limit: 1 }, scope);
  if (!call) throw notFound('Call');
  const history = await db
    .select({
      conversationId: conversations.id,
      number: conversations.number,
      channel: conversations.channel,
      subject: conversations.subject,
      status: conversations.status,
      lastMessageAt: conversations.lastMessageAt,
    })
    .from(conversations)
    .where(and(eq(conversations.clientId, call.clientId), eq(conversations.contactId, call.contact.id)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(10);
  const line = await findLine(db, call.clientId, call.lineId);
  let script: CallScreenPop['script'] = null;
  if (line?.scriptGroupId) {
    const variants = await db
      .select({
        id: kbItems.id,
        title: kbItems.title,
        bodyHtml: kbItems.bodyHtml,
        version: kbItems.version,
        language: kbItems.language,
      })
      .from(kbItems)
      .where(
        and(
          eq(kbItems.clientId, call.clientId),
          eq(kbItems.groupId, line.scriptGroupId),
          eq(kbItems.kind, 'script'),
          eq(kbItems.archived, false),
        ),
      );
    const chosen = variants.find((variant) => variant.language === line.language) ?? variants[0];
    if (chosen) {
      // The values go into sanitised HTML, so they are escaped first.
      const values = {
        customerName: escapeHtml(call.contact.name),
        agentName: escapeHtml(agentName),
        clientName: escapeHtml(call.clientName),
        conversationNumber: String(call.conversationNumber),
      };
      script = {
        itemId: chosen.id,
        title: chosen.title,
        bodyHtml: fillPlaceholders(chosen.bodyHtml, values),
        version: chosen.version,
      };
    }
  }
  return {
    call,
    history: history.map((row) => ({ ...row, lastMessageAt: row.lastMessageAt.toISOString() })),
    script,
  };
}
