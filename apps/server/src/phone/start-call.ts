import { receiveIncomingMessage } from '../conversations/index.js';
import { applyCallEvent } from './apply-call-event.js';
import type { PhoneTx } from './phone-context.js';
import {
  type CallRow,
  findCallOnLine,
  findOpenPhoneConversation,
  insertCall,
  type LineRow,
} from './phone-repository.js';
import type { CallEvent } from './voice-adapter.js';

export type StartCallInput = {
  line: LineRow;
  providerCallId: string;
  direction: 'inbound' | 'outbound';
  /** The customer's number, whichever way the call goes. */
  customerNumber: string;
  customerName?: string | null;
  event: CallEvent;
  /** Outbound calls name the conversation they belong to. */
  conversationId?: string | null;
  agentId?: string | null;
  /** An outbound call's agent by name, for the timeline (else the line's name). */
  agentName?: string;
  callbackTaskId?: string | null;
};

/**
 * A call the provider just told us about (or an outbound call we just placed) becomes a call row on
 * the customer's conversation: their open phone conversation with this client continues, else a new
 * one opens. A redelivered start finds the call it made before.
 */
export async function startCall(context: PhoneTx, input: StartCallInput): Promise<{ call: CallRow; created: boolean }> {
  const { tx } = context;
  const { line, event } = input;
  const existing = await findCallOnLine(tx, line, input.providerCallId, true);
  if (existing) return { call: (await applyCallEvent(context, existing, event)).call, created: false };
  const conversationId =
    input.conversationId ?? (await findOpenPhoneConversation(tx, line.clientId, line.inboxId, input.customerNumber));
  const inbound = input.direction === 'inbound';
  const received = await receiveIncomingMessage(
    tx,
    {
      clientId: line.clientId,
      inboxId: line.inboxId,
      channel: 'phone',
      sender: {
        sourceId: input.customerNumber,
        name: input.customerName || input.customerNumber,
        phone: input.customerNumber,
      },
      conversationId,
      ...openingLine(line, input.customerNumber, inbound),
      // The line keeps two PBXs' call ids apart (each numbers its own calls).
      sourceId: `call:${line.provider}:${line.id}:${input.providerCallId}`,
      language: line.language,
      receivedAt: event.at,
      // An outbound call is the agency reaching out: its opening line is the agent's, nobody waits for an answer.
      ...(!inbound && { placedBy: { agentId: input.agentId ?? null, agentName: input.agentName ?? line.name } }),
    },
    context.deps.reactions,
  );
  const call = await insertCall(tx, {
    clientId: line.clientId,
    lineId: line.id,
    queueId: null,
    conversationId: received.conversationId,
    contactId: received.contactId!,
    direction: input.direction,
    provider: line.provider,
    providerCallId: input.providerCallId,
    fromNumber: inbound ? input.customerNumber : line.number,
    toNumber: inbound ? line.number : input.customerNumber,
    state: 'initiated',
    agentId: input.agentId ?? null,
    callbackTaskId: input.callbackTaskId ?? null,
    startedAt: event.at,
    lastEventAt: event.at,
  });
  context.published.push({
    type: received.created ? 'conversation.created' : 'conversation.updated',
    clientId: line.clientId,
    conversationId: received.conversationId,
  });
  context.published.push({
    type: 'message.created',
    clientId: line.clientId,
    conversationId: received.conversationId,
    messageId: received.message.id,
    internal: false,
  });
  context.published.push(...(received.automation?.deskEvents ?? []));
  const applied = await applyCallEvent(context, call, event);
  return { call: applied.call, created: true };
}

/**
 * The subject and first line of a call's conversation, stored in the line's language like a customer's
 * own words would be (the client's history reads in that language). Numbers stay as dialled.
 */
function openingLine(line: { name: string; number: string; language: string }, customer: string, inbound: boolean) {
  const where = `${line.name} (\u2066${line.number}\u2069)`;
  const number = `\u2066${customer}\u2069`;
  if (line.language === 'fa')
    return inbound
      ? { subject: `تماس از ${number}`, bodyText: `تماس ورودی از ${number} روی ${where}.` }
      : { subject: `تماس با ${number}`, bodyText: `تماس خروجی با ${number} از ${where}.` };
  return inbound
    ? { subject: `Call from ${customer}`, bodyText: `Incoming call from ${customer} on ${line.name} (${line.number}).` }
    : { subject: `Call to ${customer}`, bodyText: `Outgoing call to ${customer} from ${line.name} (${line.number}).` };
}
