import type { EscalateRequest, Escalation, EscalationDraft } from '@switchboard/contracts';
import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { publishEscalationEvents } from './announce-escalation.js';
import { defaultEscalationHours, escalateToClient } from './escalate-to-client.js';
import { findEscalationContext, listPublicKbItems } from './escalation-repository.js';
import { customerNoticeFor, helpLink } from './escalation-settings.js';
import { findConversationClient } from './find-conversation-client.js';
import { getEscalation } from './list-escalations.js';

type AgentScope = Extract<Scope, { kind: 'agency' }>;

/** An agent escalates a conversation from the desk. */
export async function createEscalation(
  db: Db,
  options: {
    scope: AgentScope;
    agentName: string;
    conversationId: string;
    input: EscalateRequest;
    publicUrl: string;
    events: DeskEventPublisher;
    reactions: Reactions;
  },
): Promise<Escalation> {
  const { scope, input } = options;
  const result = await db.transaction(async (tx) => {
    const clientId = await findConversationClient(tx, scope, options.conversationId);
    return escalateToClient(tx, {
      clientId,
      conversationId: options.conversationId,
      question: input.question,
      customerNotice: input.customerNotice,
      kbItemIds: input.kbItemIds ?? [],
      attachmentIds: input.attachmentIds ?? [],
      actor: { scope, name: options.agentName },
      publicUrl: options.publicUrl,
      reactions: options.reactions,
    });
  });
  await publishEscalationEvents(options.events, result.events);
  return getEscalation(db, scope, result.escalation.id);
}

/** What the escalate dialog starts from: the client's notice in the customer's language, and help articles. */
export async function getEscalationDraft(
  db: Db,
  options: { scope: AgentScope; conversationId: string; publicUrl: string },
): Promise<EscalationDraft> {
  const clientId = await findConversationClient(db, options.scope, options.conversationId);
  const context = await findEscalationContext(db, clientId, options.conversationId);
  if (!context) throw notFound('Conversation');
  const notice = await customerNoticeFor(db, context, defaultEscalationHours);
  const items = await listPublicKbItems(db, clientId, notice.language);
  return {
    language: notice.language,
    customerNotice: notice.text,
    autoRelay: notice.autoRelay,
    kbArticles: items.map((item) => ({
      itemId: item.id,
      title: item.title,
      url: helpLink(options.publicUrl, context.clientSlug, item),
    })),
  };
}
