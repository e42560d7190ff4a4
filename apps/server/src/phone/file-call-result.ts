import type { FileCallResultRequest } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { isManager, type Scope } from '../platform/scope.js';
import { addCallActivity } from './call-activity.js';
import { inPhoneTx, type PhoneDeps } from './phone-context.js';
import { findCall, updateCall } from './phone-repository.js';

const resultLabel: Record<string, string> = {
  resolved: 'Resolved',
  information_given: 'Information given',
  order_taken: 'Order taken',
  appointment_booked: 'Appointment booked',
  callback_requested: 'Callback requested',
  escalated: 'Escalated',
  wrong_number: 'Wrong number',
  no_decision: 'No decision',
};

/**
 * The call result form after hang-up: result code, notes and next action written to the CRM record
 * (the call and the customer's conversation, where the client sees it), audited.
 */
export async function fileCallResult(
  deps: PhoneDeps,
  input: { scope: Extract<Scope, { kind: 'agency' }>; callId: string; body: FileCallResultRequest },
) {
  const { scope, body } = input;
  await inPhoneTx(deps, async (context) => {
    const call = await findCall(context.tx, scope.clientIds, input.callId, true);
    if (!call) throw notFound('Call');
    if (call.agentId !== scope.userId && !isManager(scope))
      throw new AppError('CALL_WITH_ANOTHER_AGENT', 'This call was taken by another agent.');
    if (!call.endedAt) throw new AppError('CALL_NOT_ENDED', 'File the result once the call has ended.');
    const updated = await updateCall(context.tx, call, {
      resultCode: body.resultCode,
      resultNotes: body.notes,
      nextAction: body.nextAction,
      resultAt: new Date(),
    });
    const parts = [`Call result: ${resultLabel[body.resultCode]}.`];
    if (body.notes) parts.push(body.notes);
    if (body.nextAction) parts.push(`Next: ${body.nextAction}`);
    await addCallActivity(context, updated, parts.join('\n'), {
      action: 'call.result',
      result: body.resultCode,
      notes: body.notes,
      nextAction: body.nextAction,
    });
    await recordAudit(context.tx, scope, {
      clientId: call.clientId,
      action: 'call.result_filed',
      entity: 'phone_call',
      entityId: call.id,
      data: { resultCode: body.resultCode, nextAction: body.nextAction },
    });
    context.published.push({
      type: 'call.updated',
      clientId: call.clientId,
      callId: call.id,
      conversationId: call.conversationId,
    });
  });
}
