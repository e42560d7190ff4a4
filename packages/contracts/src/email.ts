import { z } from 'zod';
import { Id, page } from './common.js';

/**
 * The e-mail face of the desk, as the server's email routes answer it (apps/server/src/email/email-routes.ts).
 * Ids the server reads from its own rows are plain strings there, so they are plain strings here too.
 */

/**
 * Who really sent an incoming e-mail (SPF, DKIM, DMARC; results in RFC 8601's words: pass, fail, softfail,
 * neutral, none, temperror, permerror, policy). Kept on the e-mail record and on its desk message's
 * `activity.senderAuth`. `verdict` is `not_verified` when DMARC fails, or, for a domain without DMARC, when
 * SPF fails and no DKIM signature is valid; `unknown` when a lookup did not answer in time.
 */
export const SenderAuthentication = z.object({
  spf: z.string(),
  /** False for IMAP and the webhook: the SMTP envelope (connecting address, MAIL FROM) is not known there. */
  spfChecked: z.boolean(),
  /** The MAIL FROM (or HELO) domain SPF was checked for. */
  spfDomain: z.string().nullable(),
  dkim: z.string(),
  /** The signing domain (d=) of the signature the result is for. */
  dkimDomain: z.string().nullable(),
  dmarc: z.string(),
  /** The From domain DMARC was checked for, and the policy it publishes (none, quarantine, reject). */
  dmarcDomain: z.string().nullable(),
  dmarcPolicy: z.string().nullable(),
  verdict: z.enum(['verified', 'not_verified', 'unknown']),
});
export type SenderAuthentication = z.infer<typeof SenderAuthentication>;

/** `GET /email/messages/:messageId`: the e-mail behind a desk message. */
export const EmailOfMessage = z.object({
  messageId: Id,
  rfcMessageId: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.string(),
  from: z.string(),
  subject: z.string(),
  via: z.string(),
  /** The HTML referred to remote images; they are blocked until the agent asks for them. */
  remoteImages: z.boolean(),
  /** Where to download the raw source (.eml); null while none is stored (a reply not yet built for sending). */
  rawUrl: z.string().nullable(),
  /** An earlier, different message came with the same Message-ID: this one was kept beside it, not dropped. */
  reusedMessageId: z.boolean(),
  /** Of an incoming e-mail: SPF, DKIM and DMARC; null for sent mail and mail stored before the check existed. */
  senderAuth: SenderAuthentication.nullable(),
  delivery: z
    .object({
      status: z.string(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      sentAt: z.string().nullable(),
    })
    .nullable(),
});
export type EmailOfMessage = z.infer<typeof EmailOfMessage>;

/** `GET /email/messages/:messageId/html-with-images`. */
export const EmailHtmlWithImages = z.object({ html: z.string().nullable() });

/**
 * What the delivery job and bounce handling write onto an outgoing message's `activity.delivery`:
 * `{ status: 'sent', attempts, at, caught }`, `{ status: 'retrying' | 'failed', attempts, error }`,
 * or, from a bounce, `{ status: 'failed', recipient, code, diagnostic }`.
 */
export const MessageDeliveryState = z.object({
  status: z.string(),
  attempts: z.number().optional(),
  at: z.string().optional(),
  caught: z.boolean().optional(),
  error: z.string().optional(),
  recipient: z.string().optional(),
  code: z.string().optional(),
  diagnostic: z.string().optional(),
});
export type MessageDeliveryState = z.infer<typeof MessageDeliveryState>;

/** The activity entry a bounce (DSN) leaves in the conversation it concerns. */
export const EmailBounceActivity = z.object({
  action: z.literal('email.delivery_failed'),
  status: z.string().optional(),
  recipient: z.string().optional(),
  code: z.string().optional(),
  diagnostic: z.string().optional(),
  originalMessageId: z.string().optional(),
});
export type EmailBounceActivity = z.infer<typeof EmailBounceActivity>;

/** `GET /mail-catcher`: demo mode's outgoing mail, newest first, each with its full source. */
export const CaughtEmail = z.object({
  id: z.string(),
  clientId: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  messageId: z.string(),
  createdAt: z.string(),
});
export type CaughtEmail = z.infer<typeof CaughtEmail>;
export const CaughtEmailList = z.object({ items: z.array(CaughtEmail) });

/**
 * Why a bounce concerns none of our sent mail, so it marked no delivery failed: it has no delivery-status
 * part, reports no failure, names a Message-ID we never used, one only queued, or a recipient the e-mail
 * with that Message-ID was not sent to (a forged or foreign report).
 */
export const UnmatchedBounceReason = z.enum([
  'no_report',
  'not_failed',
  'unknown_message',
  'not_sent',
  'recipient_mismatch',
]);
export type UnmatchedBounceReason = z.infer<typeof UnmatchedBounceReason>;

/**
 * `GET /email/bounces`: bounces that concern none of our sent mail (a forged or foreign report, one about
 * an e-mail never sent, or one without a delivery-status part), kept for agency managers, newest first.
 */
export const UnmatchedBounce = z.object({
  id: z.string(),
  clientId: z.string(),
  inboxId: z.string(),
  /** The inbox it arrived at: its name and address. */
  inboxName: z.string(),
  inboxAddress: z.string().nullable(),
  rfcMessageId: z.string(),
  from: z.string(),
  subject: z.string(),
  /** The Message-ID the report names, if any. */
  originalMessageId: z.string().nullable(),
  /** The recipients it reports as failed. */
  recipients: z.array(z.string()),
  /** The status code (e.g. 5.1.1) and diagnostic of its first failed recipient, as the report gives them. */
  status: z.string().nullable(),
  diagnostic: z.string().nullable(),
  reason: UnmatchedBounceReason,
  createdAt: z.string(),
});
export type UnmatchedBounce = z.infer<typeof UnmatchedBounce>;
export const UnmatchedBounceList = page(UnmatchedBounce);
export type UnmatchedBounceList = z.infer<typeof UnmatchedBounceList>;

/** `GET /email/mailboxes`: the IMAP sync state of each inbox that has a mailbox. */
export const ImapMailboxState = z.object({
  clientId: z.string(),
  inboxId: z.string(),
  lastUid: z.number(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ImapMailboxState = z.infer<typeof ImapMailboxState>;
export const ImapMailboxStateList = z.object({ items: z.array(ImapMailboxState) });

/** `PUT /clients/:clientId/inboxes/:inboxId/email-settings`: every field left out stays as it is. */
export const EmailInboxSettingsRequest = z.strictObject({
  /** Null removes the signing secret (and so closes the webhook); a new one comes from `POST …/email-webhook-secret`. */
  webhookSecret: z.null().optional(),
  imap: z
    .strictObject({
      host: z.string().max(200),
      port: z.number().int(),
      secure: z.boolean(),
      user: z.string().max(200),
      /** Left out: keep the password already stored for this mailbox. */
      password: z.string().max(200).optional(),
      mailbox: z.string().max(200).default('INBOX'),
      /**
       * Accept the server's certificate without checking who issued it (a self-signed server). Off by default:
       * the password is sent only after the certificate checks out. Audited, and shown as a warning.
       */
      allowSelfSignedCertificate: z.boolean().default(false),
    })
    .nullable()
    .optional(),
  /** Acknowledgement templates keyed by language (`en`, `fa`); null switches acknowledgements off. */
  autoAck: z
    .record(z.string().max(5), z.strictObject({ subject: z.string().max(200), body: z.string().max(5000) }))
    .nullable()
    .optional(),
  signature: z.string().max(2000).optional(),
});
export type EmailInboxSettingsRequest = z.infer<typeof EmailInboxSettingsRequest>;

/**
 * `POST /clients/:clientId/inboxes/:inboxId/email-webhook-secret`: the inbound webhook's new Standard Webhooks
 * signing secret (`whsec_…`), answered this once. The provider signs each request with it: `webhook-id`,
 * `webhook-timestamp` (Unix seconds, within five minutes) and `webhook-signature` (`v1,` + base64 HMAC-SHA256
 * of `id.timestamp.body`).
 */
export const EmailWebhookSecret = z.object({ secret: z.string() });
export type EmailWebhookSecret = z.infer<typeof EmailWebhookSecret>;

/** `GET /clients/:clientId/inboxes/:inboxId/email-settings`: what is set, never a secret itself. */
export const EmailInboxSettings = z.object({
  signature: z.string(),
  /** Whether the inbound webhook has a signing secret (kept sealed, shown only when it is made). */
  webhookSecretSet: z.boolean(),
  imap: z
    .object({
      host: z.string(),
      port: z.number(),
      secure: z.boolean(),
      user: z.string(),
      mailbox: z.string(),
      passwordSet: z.boolean(),
      allowSelfSignedCertificate: z.boolean(),
    })
    .nullable(),
  autoAck: z.record(z.string(), z.object({ subject: z.string(), body: z.string() })).nullable(),
});
export type EmailInboxSettings = z.infer<typeof EmailInboxSettings>;

/** `GET /mail-catcher/:caughtId`: one caught e-mail with its raw source. */
export const CaughtEmailSource = CaughtEmail.extend({ raw: z.string() });
export type CaughtEmailSource = z.infer<typeof CaughtEmailSource>;
