import { randomUUID } from 'node:crypto';
import type { PlaceCallRequest } from '@switchboard/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { contacts, conversations, phoneLines } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { isEveryClient } from '../platform/scope.js';
import { applyCallEvent } from './apply-call-event.js';
import { inPhoneTx, type PhoneDeps } from './phone-context.js';
import { findCall, findCallbackTask, updateCall } from './phone-repository.js';
import { startCall } from './start-call.js';

/**
 * Click-to-call from a contact, a conversation or a callback task: the provider rings the agent's
 * softphone, then the customer, showing the client's number as caller id. The call joins the
 * customer's conversation (a callback task's own), so its result lands in the same history.
 */
export async function placeCall(
  deps: PhoneDeps,
  input: { scope: Extract<Scope, { kind: 'agency' }>; agentName: string; body: PlaceCallRequest },
) {
  const { scope, body } = input;
  const ids = scope.clientIds;
  let clientId: string | undefined;
  let contactId = body.contactId;
  let conversationId = body.conversationId ?? null;
  let callbackTaskId: string | null = null;
  if (body.callbackTaskId) {
    const task = await findCallbackTask(deps.db, ids, body.callbackTaskId);
    if (!task) throw notFound('Callback task');
    ({ clientId, contactId, conversationId } = task);
    callbackTaskId = task.id;
  } else if (conversationId) {
    const [row] = await deps.db
      .select({ clientId: conversations.clientId, contactId: conversations.contactId })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, conversationId),
          isEveryClient(ids)
            ? undefined
            : inArray(conversations.clientId, [...ids, '00000000-0000-0000-0000-000000000000']),
        ),
      );
    if (!row) throw notFound('Conversation');
    ({ clientId, contactId } = row);
  }
  const [contact] = await deps.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId!), clientId ? eq(contacts.clientId, clientId) : undefined));
  if (!contact || (!isEveryClient(ids) && !ids.includes(contact.clientId))) throw notFound('Contact');
  if (!contact.phone) throw new AppError('CONTACT_HAS_NO_PHONE', 'This contact has no phone number.');
  const [line] = await deps.db
    .select()
    .from(phoneLines)
    .where(
      and(
        eq(phoneLines.clientId, contact.clientId),
        eq(phoneLines.active, true),
        body.lineId ? eq(phoneLines.id, body.lineId) : undefined,
      ),
    )
    .orderBy(phoneLines.createdAt)
    .limit(1);
  if (!line) throw notFound('Line');
  const adapter = deps.adapters[line.provider];
  if (!adapter.controls)
    throw new AppError('LINE_TAKES_NO_CALL_CONTROL', "Dial from the PBX's own phone: this line takes no call control.");

  const { call } = await inPhoneTx(deps, (context) =>
    startCall(context, {
      line,
      providerCallId: `switchboard:${randomUUID()}`,
      direction: 'outbound',
      customerNumber: contact.phone!,
      customerName: contact.name,
      conversationId,
      agentId: scope.userId,
      agentName: input.agentName,
      callbackTaskId,
      event: {
        providerEventId: `switchboard:placed:${randomUUID()}`,
        type: 'placed',
        state: 'initiated',
        at: new Date(),
      },
    }),
  );
  try {
    const { providerCallId } = await adapter.placeCall(line, {
      callId: call.id,
      clientId: call.clientId,
      lineNumber: line.number,
      agentId: scope.userId,
      customerNumber: contact.phone,
      record: line.record,
    });
    return await inPhoneTx(deps, async (context) => {
      const locked = (await findCall(context.tx, [call.clientId], call.id, true))!;
      return updateCall(context.tx, locked, { providerCallId });
    });
  } catch (error) {
    await inPhoneTx(deps, async (context) => {
      const locked = (await findCall(context.tx, [call.clientId], call.id, true))!;
      await applyCallEvent(context, locked, {
        providerEventId: `switchboard:place-failed:${call.id}`,
        type: 'place-failed',
        state: 'failed',
        at: new Date(),
        cause: error instanceof Error ? error.message : 'provider error',
      });
    });
    throw error;
  }
}
