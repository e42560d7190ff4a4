import { type CallState, missedCallStates } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { recordAnsweredCall, reopenForCallback } from '../conversations/index.js';
import { phoneCallbackTasks } from '../db/schema.js';
import { addCallActivity, durationText } from './call-activity.js';
import type { PhoneTx } from './phone-context.js';
import { type CallRow, findOpenCallbackTask, phoneSettingsOf, updateCall } from './phone-repository.js';

const endedText: Record<string, string> = {
  completed: 'Call ended',
  no_answer: 'Call not answered',
  busy: 'Line busy',
  abandoned: 'Caller hung up before an agent answered',
  rejected: 'Call rejected',
  failed: 'Call failed',
  voicemail: 'Caller left a voicemail',
};

/**
 * Runs once, when a call reaches its final state: the timeline says how it ended; an answered call
 * took the customer off the waiting clock; an unanswered inbound call opens or joins the caller's
 * callback task; an answered call-back closes its task.
 */
export async function endCall(context: PhoneTx, call: CallRow): Promise<CallRow> {
  const { tx } = context;
  const answered = call.answeredAt !== null;
  const duration = answered ? ` (${durationText(call.durationSeconds)})` : '';
  await addCallActivity(context, call, `${endedText[call.state] ?? 'Call ended'}${duration}.`, {
    action: 'call.ended',
    state: call.state,
    direction: call.direction,
    durationSeconds: answered ? call.durationSeconds : null,
  });
  if (answered) {
    const deskEvents = await recordAnsweredCall(
      tx,
      {
        clientId: call.clientId,
        conversationId: call.conversationId,
        answeredAt: call.answeredAt!,
        agentId: call.agentId,
      },
      context.deps.reactions,
    );
    if (call.callbackTaskId && call.direction === 'outbound') {
      await tx
        .update(phoneCallbackTasks)
        .set({ status: 'done', doneAt: call.endedAt, doneById: call.agentId })
        .where(and(eq(phoneCallbackTasks.clientId, call.clientId), eq(phoneCallbackTasks.id, call.callbackTaskId)));
    }
    context.published.push(...deskEvents);
    return call;
  }
  if (call.direction === 'inbound' && missedCallStates.includes(call.state as CallState)) {
    return joinCallbackTask(context, call);
  }
  return call;
}

/** ONE open callback task per client and caller: the first miss opens it, repeats join it. */
async function joinCallbackTask(context: PhoneTx, call: CallRow): Promise<CallRow> {
  const { tx, deps } = context;
  const at = call.endedAt ?? new Date();
  const open = await findOpenCallbackTask(tx, call.clientId, call.fromNumber);
  let taskId: string;
  let missed: number;
  if (open) {
    const [row] = await tx
      .update(phoneCallbackTasks)
      .set({ missedCalls: sql`${phoneCallbackTasks.missedCalls} + 1`, lastMissedAt: at })
      .where(and(eq(phoneCallbackTasks.clientId, call.clientId), eq(phoneCallbackTasks.id, open.id)))
      .returning();
    taskId = row!.id;
    missed = row!.missedCalls;
  } else {
    const settings = await phoneSettingsOf(tx, call.clientId);
    const [row] = await tx
      .insert(phoneCallbackTasks)
      .values({
        clientId: call.clientId,
        contactId: call.contactId,
        conversationId: call.conversationId,
        lineId: call.lineId,
        callerNumber: call.fromNumber,
        lastMissedAt: at,
        dueAt: deps.callbackDueAt(settings, at),
      })
      .returning();
    taskId = row!.id;
    missed = 1;
  }
  // The task lives on the caller's conversation: waiting, flagged, in the queue like any conversation.
  const deskEvents = await reopenForCallback(
    tx,
    { clientId: call.clientId, conversationId: call.conversationId, at },
    context.deps.reactions,
  );
  await addCallActivity(
    context,
    call,
    missed === 1 ? 'Callback task opened for this caller.' : `Callback task: ${missed} missed calls from this caller.`,
    { action: 'call.callback', callbackTask: taskId, missedCalls: missed },
  );
  context.published.push(...deskEvents);
  return updateCall(tx, call, { callbackTaskId: taskId });
}
