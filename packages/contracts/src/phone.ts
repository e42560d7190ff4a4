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

const E164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'A number in international form, e.g. +15555550100');
const LineIvr = z.object({ prompt: z.string(), options: z.array(z.object({ digit: z.string(), queueId: Id })) });

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
  ivr: LineIvr.nullable(),
  language: z.enum(['en', 'fa']),
  active: z.boolean(),
  /** Twilio: the account the number lives in (its auth token is never returned). */
  accountSid: z.string().nullable(),
});
export type PhoneLine = z.infer<typeof PhoneLine>;

const IvrInput = z
  .strictObject({
    prompt: z.string().trim().min(1).max(1000),
    options: z
      .array(z.strictObject({ digit: z.string().regex(/^[0-9*#]$/), queueId: Id }))
      .min(1)
      .max(12)
      .refine((options) => new Set(options.map((o) => o.digit)).size === options.length, 'Each digit once'),
  })
  .nullable();
const TwilioAccountSid = z.string().regex(/^AC[0-9a-f]{32}$/, 'A Twilio Account SID: AC and 32 hex digits');
const TwilioAuthToken = z.string().trim().min(16).max(128);

export const UpdatePhoneLineRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    number: E164,
    greeting: z.string().max(1000),
    record: z.boolean(),
    queueId: Id,
    scriptGroupId: Id.nullable(),
    language: z.enum(['en', 'fa']),
    active: z.boolean(),
    accountSid: TwilioAccountSid,
    authToken: TwilioAuthToken,
    ivr: IvrInput,
  })
  .partial();
export type UpdatePhoneLineRequest = z.infer<typeof UpdatePhoneLineRequest>;

export const CreatePhoneLineRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    number: E164,
    provider: z.enum(['twilio', 'cti']),
    accountSid: TwilioAccountSid.optional(),
    authToken: TwilioAuthToken.optional(),
    queueId: Id,
    greeting: z.string().max(1000).default(''),
    record: z.boolean().default(false),
    language: z.enum(['en', 'fa']).default('en'),
    scriptGroupId: Id.nullable().default(null),
    ivr: IvrInput.default(null),
  })
  .refine((line) => line.provider !== 'twilio' || (line.accountSid && line.authToken), {
    message: "A Twilio line needs the account's SID and auth token",
    path: ['authToken'],
  });
export type CreatePhoneLineRequest = z.input<typeof CreatePhoneLineRequest>;

/** A line just made: a CTI line's token is shown this once (only its hash is kept). */
export const CreatedPhoneLine = PhoneLine.extend({ ctiToken: z.string().nullable() });
export type CreatedPhoneLine = z.infer<typeof CreatedPhoneLine>;

export const PhoneQueue = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  holdAudioUrl: z.string().nullable(),
  maxWaitSeconds: z.number().int(),
});
export type PhoneQueue = z.infer<typeof PhoneQueue>;

export const SavePhoneQueueRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  holdAudioUrl: z
    .url({ protocol: /^https$/, message: 'An https:// address of an audio file' })
    .max(1000)
    .nullable()
    .default(null),
  maxWaitSeconds: z.number().int().min(10).max(3600).default(300),
});
export type SavePhoneQueueRequest = z.input<typeof SavePhoneQueueRequest>;

export const PhoneClientSettings = z.object({
  /** Said to every caller before a recorded call. */
  consentNotice: z.string(),
  retentionDays: z.number().int().nullable(),
  callbackDueMinutes: z.number().int(),
});
export type PhoneClientSettings = z.infer<typeof PhoneClientSettings>;

export const UpdatePhoneClientSettingsRequest = z
  .strictObject({
    consentNotice: z.string().trim().max(1000),
    retentionDays: z.number().int().min(1).max(3650).nullable(),
    callbackDueMinutes: z.number().int().min(5).max(10_080),
  })
  .partial();
export type UpdatePhoneClientSettingsRequest = z.infer<typeof UpdatePhoneClientSettingsRequest>;

/** Everything the client's phone settings screen shows: settings, queues, lines and the scripts to pick from. */
export const PhoneSetup = z.object({
  settings: PhoneClientSettings,
  queues: z.array(PhoneQueue),
  lines: z.array(PhoneLine),
  scripts: z.array(z.object({ groupId: Id, title: z.string(), language: z.string(), version: z.number().int() })),
});
export type PhoneSetup = z.infer<typeof PhoneSetup>;
