import { randomBytes } from 'node:crypto';
import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import { languageOfText, type Reactions, setDeskFlag } from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { escalationUpdated, messageCreated } from './announce-escalation.js';
import { emailClientUsers } from './email-client-users.js';
import {
  type EscalationRow,
  findEscalationContext,
  findPublicKbItems,
  findSendableAttachments,
  insertEscalation,
  updateEscalation,
} from './escalation-repository.js';
import { customerNoticeFor, helpLink } from './escalation-settings.js';
import { withLinks } from './escalation-texts.js';
import { recordOnTimeline, type TimelineActor } from './escalation-timeline.js';
import { sendToCustomer } from './send-to-customer.js';

/** NOTIFY channel: a committed escalation whose timers the worker should queue. */
export const escalationTimersChannel = 'escalation_timers';
export const awaitingClientFlag = 'awaiting-client';
export const defaultEscalationHours = 24;

export type EscalateToClientInput = {
  clientId: string;
  conversationId: string;
  question: string;
  /** The customer notice: a string as written, `undefined` for the client's template, `null` for none. */
  customerNotice?: string | null | undefined;
  /** Public knowledge-base items to link in the notice (others are ignored). */
  kbItemIds?: string[];
  /** Documents sent with the notice (the conversation's files, or files the agency sent before); others are ignored. */
  attachmentIds?: string[];
  /** An agent (their scope) or an automation rule (`system`, with the rule's name). */
  actor: { scope: Extract<Scope, { kind: 'agency' }>; name: string } | { system: true; name: string };
  /** The address links in e-mails point to. */
  publicUrl: string;
  /** The client's answer time; 24 hours unless a contract says otherwise. */
  dueInHours?: number;
  /** Who reacts to what this causes (an SLA target met late, the client's answer): the client's rules. */
  reactions: Reactions;
};

export type EscalateToClientResult = { escalation: EscalationRow; events: DeskEvent[]; clientUsersEmailed: number };

/**
 * Asks the client a question about one of its conversations, inside the caller's transaction: the
 * escalation with its 24-hour due time, the question on the timeline, the customer told an update
 * follows (with help-page links), the client's users e-mailed with a portal link, the audit row, and a
 * NOTIFY that makes the worker queue the reminders. The caller publishes `events` after commit.
 * The automation slice's "escalate to client" action calls this with a `system` actor.
 */
export async function escalateToClient(tx: Tx, input: EscalateToClientInput): Promise<EscalateToClientResult> {
  const context = await findEscalationContext(tx, input.clientId, input.conversationId, true);
  if (!context) throw notFound('Conversation');
  const actor: TimelineActor =
    'scope' in input.actor
      ? { type: 'agent', id: input.actor.scope.userId, name: input.actor.name }
      : { type: 'system', id: null, name: input.actor.name };
  const hours = input.dueInHours ?? defaultEscalationHours;
  const escalation = await insertEscalation(tx, {
    clientId: input.clientId,
    conversationId: input.conversationId,
    ref: `ESC-${randomBytes(5).toString('hex').toUpperCase()}`,
    question: input.question,
    askedById: actor.id,
    askedByName: actor.name,
    dueAt: new Date(Date.now() + hours * 3600_000),
  });
  const events: DeskEvent[] = [];
  const question = await recordOnTimeline(tx, {
    clientId: input.clientId,
    conversationId: input.conversationId,
    actor,
    action: 'escalation.requested',
    escalationId: escalation.id,
    text: input.question,
    note: true,
    data: { dueAt: escalation.dueAt.toISOString() },
  });
  events.push(messageCreated(input.clientId, input.conversationId, question.id));

  let sentFiles: string[] = [];
  if (input.customerNotice !== null) {
    const notice = input.customerNotice ?? (await customerNoticeFor(tx, context, hours)).text;
    const items = await findPublicKbItems(tx, input.clientId, input.kbItemIds ?? []);
    const language = languageOfText(notice);
    const body = withLinks(
      notice,
      items.map((item) => ({ title: item.title, url: helpLink(input.publicUrl, context.clientSlug, item) })),
      language,
    );
    const files = await findSendableAttachments(tx, input.clientId, input.conversationId, input.attachmentIds ?? []);
    const { message, deskEvents } = await sendToCustomer(tx, {
      reactions: input.reactions,
      clientId: input.clientId,
      conversationId: input.conversationId,
      body,
      actor,
      audit: 'scope' in input.actor ? input.actor.scope : 'system',
      escalationId: escalation.id,
      purpose: 'notice',
      files,
    });
    sentFiles = files.map((file) => file.id);
    escalation.noticeMessageId = message.id;
    await updateEscalation(tx, input.clientId, escalation.id, { noticeMessageId: message.id });
    events.push(messageCreated(input.clientId, input.conversationId, message.id), ...deskEvents);
    // The widget tells a visitor still on the page that the answer follows by e-mail.
    if (context.channel === 'chat')
      events.push({ type: 'chat.escalated', clientId: input.clientId, conversationId: input.conversationId });
  }

  const clientUsersEmailed = await emailClientUsers(tx, {
    escalation,
    context,
    kind: 'request',
    publicUrl: input.publicUrl,
  });
  await setDeskFlag(tx, input.clientId, input.conversationId, awaitingClientFlag, true);
  await recordAudit(tx, 'scope' in input.actor ? input.actor.scope : 'system', {
    clientId: input.clientId,
    action: 'escalation.requested',
    entity: 'conversation',
    entityId: input.conversationId,
    data: {
      escalationId: escalation.id,
      dueAt: escalation.dueAt.toISOString(),
      customerNotified: input.customerNotice !== null,
      kbItemIds: input.kbItemIds ?? [],
      attachmentIds: sentFiles,
      clientUsersEmailed,
      ...('system' in input.actor ? { rule: input.actor.name } : {}),
    },
  });
  await tx.execute(sql`SELECT pg_notify(${escalationTimersChannel}, ${`${input.clientId}/${escalation.id}`})`);
  events.push(escalationUpdated(escalation), {
    type: 'conversation.updated',
    clientId: input.clientId,
    conversationId: input.conversationId,
  });
  return { escalation, events, clientUsersEmailed };
}
