import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const CallState = z.enum([
  'initiated',
  'ringing',
  'queued',
  'in_progress',
  'on_hold',
  'transferring',
  'completed',
  'no_answer',
  'busy',
  'abandoned',
  'rejected',
  'failed',
  'voicemail',
]);
export type CallState = z.infer<typeof CallState>;

/** States a call never leaves: a late event cannot overwrite them. */
export const finalCallStates: readonly CallState[] = [
  'completed',
  'no_answer',
  'busy',
  'abandoned',
  'rejected',
  'failed',
  'voicemail',
];
/** An inbound call that ended in one of these becomes (or joins) a callback task. */
export const missedCallStates: readonly CallState[] = ['no_answer', 'abandoned', 'busy', 'voicemail'];

export const CallDirection = z.enum(['inbound', 'outbound']);

export const CallResultCode = z.enum([
  'resolved',
  'information_given',
  'order_taken',
  'appointment_booked',
  'callback_requested',
  'escalated',
  'wrong_number',
  'no_decision',
]);
export type CallResultCode = z.infer<typeof CallResultCode>;

export const CallRecording = z.object({
  id: Id,
  kind: z.enum(['call', 'voicemail']),
  status: z.enum(['pending', 'stored', 'failed', 'deleted']),
  size: z.number().int().nullable(),
  durationSeconds: z.number().int().nullable(),
  sha256: z.string().nullable(),
  contentType: z.string().nullable(),
  /** The authorised playback route (HTTP range requests supported); null until stored. */
  audioUrl: z.string().nullable(),
  expiresAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type CallRecording = z.infer<typeof CallRecording>;

export const CallEventItem = z.object({
  type: z.string(),
  state: CallState.nullable(),
  applied: z.boolean(),
  at: Timestamp,
});

export const Call = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  conversationId: Id,
  conversationNumber: z.number().int(),
  lineId: Id,
  lineName: z.string(),
  lineNumber: z.string(),
  direction: CallDirection,
  state: CallState,
  fromNumber: z.string(),
  toNumber: z.string(),
  contact: z.object({ id: Id, name: z.string(), phone: z.string().nullable() }),
  agent: z.object({ id: Id, name: z.string() }).nullable(),
  startedAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  durationSeconds: z.number().int().nullable(),
  endCause: z.string().nullable(),
  resultCode: CallResultCode.nullable(),
  resultNotes: z.string().nullable(),
  nextAction: z.string().nullable(),
  callbackTaskId: Id.nullable(),
  recordings: z.array(CallRecording),
});
export type Call = z.infer<typeof Call>;

export const CallDetail = Call.extend({ events: z.array(CallEventItem) });
export type CallDetail = z.infer<typeof CallDetail>;

/** What pops up on the agent's desk when a call is offered to them. */
export const CallScreenPop = z.object({
  call: Call,
  history: z.array(
    z.object({
      conversationId: Id,
      number: z.number().int(),
      channel: z.string(),
      subject: z.string(),
      status: z.string(),
      lastMessageAt: Timestamp,
    }),
  ),
  script: z.object({ itemId: Id, title: z.string(), bodyHtml: z.string(), version: z.number().int() }).nullable(),
});
export type CallScreenPop = z.infer<typeof CallScreenPop>;

export const CallListQuery = z.strictObject({
  clientId: Id.optional(),
  agentId: Id.optional(),
  resultCode: CallResultCode.optional(),
  state: CallState.optional(),
  conversationId: Id.optional(),
  withRecording: z.enum(['true', 'false']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CallListQuery = z.infer<typeof CallListQuery>;

export const FileCallResultRequest = z.strictObject({
  resultCode: CallResultCode,
  notes: z.string().trim().max(5000).default(''),
  nextAction: z.string().trim().max(500).default(''),
});
export type FileCallResultRequest = z.infer<typeof FileCallResultRequest>;

export const TransferTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agent'), agentId: Id }),
  z.strictObject({ kind: z.literal('queue'), queueId: Id }),
  z.strictObject({ kind: z.literal('number'), number: z.string().regex(/^\+[1-9][0-9]{6,14}$/) }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

export const TransferCallRequest = z.strictObject({
  mode: z.enum(['blind', 'warm']),
  target: TransferTarget,
});
export type TransferCallRequest = z.infer<typeof TransferCallRequest>;

export const HoldCallRequest = z.strictObject({ hold: z.boolean() });

export const PlaceCallRequest = z
  .strictObject({
    contactId: Id.optional(),
    callbackTaskId: Id.optional(),
    conversationId: Id.optional(),
    lineId: Id.optional(),
  })
  .refine((body) => body.contactId || body.callbackTaskId || body.conversationId, {
    message: 'Name a contact, a conversation or a callback task to call',
  });
export type PlaceCallRequest = z.infer<typeof PlaceCallRequest>;

export const CallbackTask = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  conversationId: Id,
  conversationNumber: z.number().int(),
  contact: z.object({ id: Id, name: z.string(), phone: z.string().nullable() }),
  callerNumber: z.string(),
  status: z.enum(['open', 'done']),
  missedCalls: z.number().int(),
  lastMissedAt: Timestamp,
  dueAt: Timestamp,
  voicemails: z.array(CallRecording),
});
export type CallbackTask = z.infer<typeof CallbackTask>;

export const SoftphoneToken = z.object({ token: z.string(), identity: z.string(), expiresInSeconds: z.number() });

export const PhoneLine = z.object({
  id: Id,
  clientId: Id,
  inboxId: Id,
  name: z.string(),
  number: z.string(),
  provider: z.enum(['twilio', 'cti']),
  queueId: Id,
  scriptGroupId: Id.nullable(),
  record: z.boolean(),
  greeting: z.string(),
  ivr: z.object({ prompt: z.string(), options: z.array(z.object({ digit: z.string(), queueId: Id })) }).nullable(),
});
export type PhoneLine = z.infer<typeof PhoneLine>;

export const UpdatePhoneLineRequest = z
  .strictObject({
    greeting: z.string().max(1000),
    record: z.boolean(),
    scriptGroupId: Id.nullable(),
    ivr: z
      .strictObject({
        prompt: z.string().max(1000),
        options: z.array(z.strictObject({ digit: z.string().regex(/^[0-9*#]$/), queueId: Id })).max(12),
      })
      .nullable(),
  })
  .partial();
