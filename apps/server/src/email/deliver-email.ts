import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { z } from 'zod';
import { recordMessageDelivery } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { attachments } from '../db/schema.js';
import { defineJob, type JobDefinition } from '../platform/jobs/index.js';
import type { Storage } from '../platform/storage/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import {
  type DeliveryRow,
  findDelivery,
  findOutgoingRawKey,
  insertCaught,
  setOutgoingRawKey,
  updateDelivery,
} from './email-repository.js';

export const DeliverEmailPayload = z.object({ clientId: z.uuid(), deliveryId: z.uuid() });

export type DeliverEmailDeps = {
  db: Db;
  /** Where the raw source of what we send is kept, and the files attached to a message are read from. */
  storage: Storage;
  events: DeskEventPublisher;
  /** `smtp://user:pass@host:port`; without it mail goes to the built-in mail catcher. */
  relayUrl?: string | undefined;
  retry?: { limit: number; delaySeconds: number };
};

/**
 * The job that sends one queued e-mail. Idempotent: a delivery already sent or given up is left
 * alone, and a retry reuses the stored Message-ID, so a receiver that saw a half-finished attempt
 * recognises the copy. Every failure is written onto the message; the last one marks it failed.
 */
export function defineDeliverEmailJob(deps: DeliverEmailDeps): JobDefinition<typeof DeliverEmailPayload> {
  const limit = deps.retry?.limit ?? 8;
  const transport = deps.relayUrl ? nodemailer.createTransport(deps.relayUrl) : null;
  return defineJob({
    name: 'email.deliver',
    payload: DeliverEmailPayload,
    retry: { limit, delaySeconds: deps.retry?.delaySeconds ?? 30, backoff: true, maxDelaySeconds: 3600 },
    queuePolicy: 'short',
    concurrency: 8,
    expireInSeconds: 120,
    handler: async ({ clientId, deliveryId }, { retryCount }) => {
      const delivery = await findDelivery(deps.db, clientId, deliveryId);
      if (!delivery || delivery.status === 'sent' || delivery.status === 'failed') return;
      await updateDelivery(deps.db, clientId, deliveryId, { status: 'sending' });
      const attempts = delivery.attempts + 1;
      try {
        const raw = await rawSourceOf(deps, delivery);
        if (transport) {
          await transport.sendMail({ envelope: { from: delivery.fromAddress, to: [delivery.toAddress] }, raw });
        } else {
          await insertCaught(deps.db, {
            clientId,
            deliveryId,
            fromAddress: delivery.fromAddress,
            toAddress: delivery.toAddress,
            subject: delivery.subject,
            rfcMessageId: delivery.rfcMessageId,
            raw: raw.toString('utf8'),
          });
        }
        const sentAt = new Date();
        await updateDelivery(deps.db, clientId, deliveryId, { status: 'sent', attempts, sentAt, lastError: null });
        await record(deps, delivery, { status: 'sent', attempts, at: sentAt.toISOString(), caught: !transport });
      } catch (error) {
        const lastError = error instanceof Error ? error.message.slice(0, 500) : String(error);
        const final = retryCount >= limit;
        await updateDelivery(deps.db, clientId, deliveryId, {
          status: final ? 'failed' : 'retrying',
          attempts,
          lastError,
        });
        await record(deps, delivery, { status: final ? 'failed' : 'retrying', attempts, error: lastError });
        throw error;
      }
    },
  });
}

async function record(deps: DeliverEmailDeps, delivery: DeliveryRow, state: Record<string, unknown>) {
  if (!delivery.messageId || !delivery.conversationId) return;
  await recordMessageDelivery(deps.db, delivery.clientId, delivery.messageId, state);
  await deps.events.publish({
    type: 'conversation.updated',
    clientId: delivery.clientId,
    conversationId: delivery.conversationId,
  });
}

/**
 * The exact bytes we send, kept like a received e-mail's source (view and download on the desk). Built
 * on the first attempt and stored; every retry sends the same bytes (same Date, same boundaries).
 */
async function rawSourceOf(deps: DeliverEmailDeps, delivery: DeliveryRow): Promise<Buffer> {
  const kept = await findOutgoingRawKey(deps.db, delivery.clientId, delivery.rfcMessageId);
  if (kept) return streamToBuffer(await deps.storage.get(kept));
  const mail = { ...toMail(delivery), attachments: await attachmentsOf(deps, delivery) };
  const built = await new MailComposer(mail).compile().build();
  // As it travels: SMTP lines end in CRLF (the composer leaves bare LF in bodies; its output is 7-bit text).
  const raw = Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  const rawKey = `${delivery.clientId}/email/raw/${createHash('sha256').update(raw).digest('hex')}.eml`;
  await deps.storage.put(rawKey, raw);
  await setOutgoingRawKey(deps.db, delivery.clientId, delivery.rfcMessageId, rawKey, raw.length);
  return raw;
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * The files attached to the message this e-mail carries (e.g. documents sent with an escalation's
 * customer notice), streamed from storage into the source that is built once and kept.
 */
async function attachmentsOf(deps: DeliverEmailDeps, delivery: DeliveryRow): Promise<Mail.Attachment[]> {
  if (!delivery.messageId) return [];
  const files = await deps.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.clientId, delivery.clientId), eq(attachments.messageId, delivery.messageId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.filename));
  return Promise.all(
    files.map(async (file) => ({
      filename: file.filename,
      contentType: file.contentType,
      content: await deps.storage.get(file.storageKey),
    })),
  );
}

function toMail(delivery: DeliveryRow): Mail.Options {
  const automatic = delivery.kind === 'auto_ack';
  return {
    from: { name: delivery.fromName, address: delivery.fromAddress },
    to: delivery.toAddress,
    subject: delivery.subject,
    text: delivery.bodyText,
    html: delivery.bodyHtml,
    messageId: delivery.rfcMessageId,
    ...(delivery.inReplyTo ? { inReplyTo: delivery.inReplyTo } : {}),
    ...(delivery.references.length > 0 ? { references: delivery.references } : {}),
    envelope: { from: delivery.fromAddress, to: [delivery.toAddress] },
    headers: automatic
      ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'auto_reply' }
      : { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
  };
}
