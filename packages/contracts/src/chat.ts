import { z } from 'zod';
import { Id, Locale } from './common.js';

/**
 * Live chat: the widget's WebSocket protocol (`/api/v1/widget/ws`) and the desk's chat routes.
 * The widget does not bundle zod (its budget is 20 KB); it uses these types only, and the server
 * parses every frame with these schemas.
 */

/** A pre-chat form field the inbox asks for before the first message. */
export const PreChatField = z.strictObject({
  field: z.enum(['name', 'email', 'phone']),
  required: z.boolean(),
});
export type PreChatField = z.infer<typeof PreChatField>;

const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM');
/** One day's opening: `null` is closed all day. */
const ChatOpeningHours = z.strictObject({ open: clock, close: clock }).nullable();
/** Sunday first, as `Date.getDay()` counts; times in the inbox's time zone. */
export const BusinessHours = z.strictObject({
  timeZone: z.string().min(1).max(64),
  days: z.array(ChatOpeningHours).length(7),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

const body = z.string().max(4000);
/** The longest chat message, in characters. */
export const maxChatMessageLength = 4000;
/** A client-made id per message, so a resend after a lost acknowledgement is recognised. */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** The visitor's id the widget keeps across page loads; the server made it, nobody can choose it. */
export const VisitorToken = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);

const Profile = z.strictObject({
  name: z.string().trim().max(120).optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{5,20}$/)
    .optional(),
});
export type VisitorProfile = z.infer<typeof Profile>;

const Page = z.strictObject({ url: z.string().max(2000), title: z.string().max(300) });

/** What a widget may send. Anything else is refused with an `error` frame and the socket stays open. */
export const WidgetFrame = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('hello'),
    visitor: VisitorToken.optional(),
    /** A signed-in user of the client's site: `hash` is HMAC-SHA256(identity secret, userId) in hex. */
    identity: z.strictObject({ userId: z.string().min(1).max(200), hash: z.string().max(128) }).optional(),
    /** A stale or odd profile in the visitor's storage must not keep them out of the chat. */
    profile: Profile.optional().catch(undefined),
    locale: Locale.optional(),
    page: Page.optional(),
  }),
  z.strictObject({ t: z.literal('msg'), key: IdempotencyKey, body: z.string() }),
  z.strictObject({ t: z.literal('typing'), on: z.boolean(), preview: z.string().max(200).optional() }),
  z.strictObject({ t: z.literal('read') }),
  z.strictObject({ t: z.literal('page'), page: Page }),
  z.strictObject({ t: z.literal('profile'), profile: Profile }),
  z.strictObject({ t: z.literal('transcript'), email: z.email().max(254) }),
  z.strictObject({ t: z.literal('rate'), score: z.number().int().min(1).max(5), comment: body.optional() }),
  z.strictObject({
    t: z.literal('offline'),
    key: IdempotencyKey,
    name: z.string().trim().min(1).max(120),
    email: z.email().max(254),
    body: z.string().trim().min(1).max(maxChatMessageLength),
  }),
]);
export type WidgetFrame = z.infer<typeof WidgetFrame>;

export const ChatAttachment = z.object({
  id: Id,
  name: z.string(),
  type: z.string(),
  size: z.number().int(),
  url: z.string(),
});
export type ChatAttachment = z.infer<typeof ChatAttachment>;

/** A message as the visitor sees it: never internal notes, never the timeline. */
export const ChatMessage = z.object({
  id: Id,
  /** The widget's idempotency key for the visitor's own messages. */
  key: z.string().nullable(),
  from: z.enum(['visitor', 'agent', 'system']),
  name: z.string(),
  body: z.string(),
  at: z.string(),
  attachments: z.array(ChatAttachment),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** What the inbox shows its visitors: public settings only, never the identity secret. */
export const WidgetConfig = z.object({
  clientName: z.string(),
  color: z.string(),
  greeting: z.string(),
  locale: z.enum(['auto', 'en', 'fa']),
  preChat: z.array(PreChatField),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

/**
 * What the widget offers: live chat (`online`), live chat that waits in the queue for the first agent to
 * free up (`busy`: everyone is at their chat capacity), or the message form that becomes an e-mail (`offline`:
 * outside business hours, or no agent of the client online).
 */
export type ChatAvailability = 'online' | 'busy' | 'offline';

export type ServerFrame =
  | {
      t: 'welcome';
      visitor: string;
      verified: boolean;
      config: WidgetConfig;
      /** Live chat is offered (`availability` is not `offline`). */
      online: boolean;
      availability: ChatAvailability;
      messages: ChatMessage[];
      agentReadAt: string | null;
      ended: boolean;
      profile: VisitorProfile;
    }
  /** The availability changed while the widget is open (an agent went online or offline, or filled up). */
  | { t: 'availability'; availability: ChatAvailability }
  | { t: 'ack'; key: string; id: string; at: string }
  | { t: 'msg'; m: ChatMessage }
  | { t: 'typing'; on: boolean; name: string }
  | { t: 'read'; at: string }
  | { t: 'ended' }
  | { t: 'escalated' }
  | { t: 'done'; what: 'transcript' | 'rate' | 'offline'; key?: string }
  | { t: 'error'; code: ChatErrorCode; message: string; key?: string };

export type ChatErrorCode =
  | 'bad_frame'
  | 'too_long'
  | 'rate_limited'
  | 'not_ready'
  | 'identity_refused'
  | 'no_email'
  | 'internal';

/** The desk's side panel for a chat: where the visitor is and how the chat went. */
export const ChatDetail = z.object({
  pageUrl: z.string().nullable(),
  pageTitle: z.string().nullable(),
  visitorReadAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  verified: z.boolean(),
  /** What a visitor typed in the widget: never checked, so never matched to a customer (shown as unverified). */
  claimedEmail: z.string().nullable(),
  claimedPhone: z.string().nullable(),
});
export type ChatDetail = z.infer<typeof ChatDetail>;

export const ChatTypingRequest = z.strictObject({ on: z.boolean() });
