import { createHash } from 'node:crypto';
import { htmlToText } from 'html-to-text';
import { type ParsedMail, simpleParser } from 'mailparser';
import { checkHtmlComplexity, stripHtml } from '../platform/html/index.js';
import { classifyEmail, type EmailClass } from './classify-email.js';
import { foldQuotedText } from './fold-quoted-text.js';
import { type DeliveryReport, readDeliveryReport } from './read-delivery-report.js';
import { readEnclosedMessages } from './read-enclosed-messages.js';
import { separateHeaderBlock } from './separate-header-block.js';

export type EmailAttachment = {
  filename: string;
  contentType: string;
  content: Buffer;
  /** The Content-ID without brackets, lower-cased, when the part is referenced from the HTML. */
  cid: string | null;
};

export type ParsedEmail = {
  rfcMessageId: string;
  /** True when the message had no Message-ID and one was derived from its bytes. */
  derivedMessageId: boolean;
  inReplyTo: string | null;
  /** Oldest first, as in the header. */
  references: string[];
  threadIndexRoot: string | null;
  subject: string;
  from: { address: string; name: string };
  date: Date | null;
  latestText: string;
  quotedText: string;
  html: string | null;
  attachments: EmailAttachment[];
  class: EmailClass;
  /** For a bounce: the Message-ID of our mail it concerns, who failed, and why. */
  bounce: {
    originalMessageId: string | null;
    recipient: string | null;
    status: string | null;
    diagnostic: string | null;
    /** The RFC 3464 delivery-status part, when the bounce has one: only it can mark a delivery failed. */
    report: DeliveryReport | null;
  } | null;
};

const idPattern = /<[^<>\s]+>/g;
const ids = (value: string | string[] | undefined): string[] =>
  [value ?? []].flat().flatMap((v) => v.match(idPattern) ?? (v.trim() ? [`<${v.trim().replace(/^<|>$/g, '')}>`] : []));

export async function parseEmail(raw: Buffer, envelopeFrom: string | null = null): Promise<ParsedEmail> {
  // html-to-text runs below, after the nesting check, instead of unchecked inside mailparser.
  const mail = await simpleParser(separateHeaderBlock(raw), {
    skipImageLinks: true,
    skipTextLinks: true,
    skipHtmlToText: true,
  });
  const messageId = ids(mail.messageId)[0];
  const cls = classifyEmail(mail, envelopeFrom);
  const text = (mail.text ?? '').trim() || textOfHtml(mail.html);
  const folded = foldQuotedText(text);
  // Forwarded and digested messages are shown after what the sender wrote, never folded away as a quote.
  const enclosed = cls.bounce
    ? { text: '', html: '', attachments: mail.attachments }
    : await readEnclosedMessages(mail);
  const from = mail.from?.value[0];
  return {
    rfcMessageId: (
      messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@derived.switchboard.invalid>`
    ).slice(0, 998),
    derivedMessageId: !messageId,
    inReplyTo: ids(mail.inReplyTo)[0] ?? null,
    references: ids(mail.references).slice(-100),
    threadIndexRoot: threadIndexRoot(mail),
    subject: (mail.subject ?? '').slice(0, 998),
    from: { address: (from?.address ?? '').toLowerCase().slice(0, 320), name: (from?.name ?? '').slice(0, 200) },
    date: mail.date ?? null,
    latestText: `${folded.latest}${enclosed.text}`.trim(),
    quotedText: folded.quoted,
    html: typeof mail.html === 'string' ? mail.html + enclosed.html : null,
    attachments: enclosed.attachments
      .filter((a) => a.contentType !== 'message/delivery-status' || !cls.bounce)
      .map((a, n) => ({
        filename: (a.filename ?? `part-${n + 1}.${extensionOf(a.contentType)}`).slice(0, 255),
        contentType: a.contentType || 'application/octet-stream',
        content: a.content,
        cid: a.cid ? a.cid.replace(/^<|>$/g, '').toLowerCase() : null,
      })),
    class: cls,
    bounce: cls.bounce ? bounceDetails(mail, raw.toString('latin1'), await readDeliveryReport(raw)) : null,
  };
}

/** The words of an HTML-only message; markup too complex for html-to-text is stripped by a linear scan. */
function textOfHtml(html: string | false): string {
  if (!html) return '';
  if (!checkHtmlComplexity(html).ok) return stripHtml(html);
  try {
    return htmlToText(html).trim();
  } catch {
    return stripHtml(html);
  }
}

/** Outlook's Thread-Index: base64 of a 22-byte header (time + thread GUID) then 5 bytes per reply. */
function threadIndexRoot(mail: ParsedMail): string | null {
  const value = mail.headers.get('thread-index');
  if (typeof value !== 'string') return null;
  const bytes = Buffer.from(value.trim(), 'base64');
  return bytes.length >= 22 ? bytes.subarray(0, 22).toString('hex') : null;
}

function bounceDetails(
  mail: ParsedMail,
  raw: string,
  report: DeliveryReport | null,
): NonNullable<ParsedEmail['bounce']> {
  const part = (type: string) => mail.attachments.find((a) => a.contentType === type)?.content.toString('utf8') ?? '';
  // mailparser may fold the report parts into the text; the raw report is the dependable source.
  const status = part('message/delivery-status') || raw;
  const original =
    part('message/rfc822') ||
    part('text/rfc822-headers') ||
    raw.slice(raw.search(/^Content-Type:\s*(message\/rfc822|text\/rfc822-headers)/im) >>> 0);
  const field = (text: string, name: string) =>
    new RegExp(`^${name}:\\s*(?:[a-z0-9-]+;\\s*)?(.+)$`, 'im').exec(text)?.[1]?.trim() ?? null;
  const originalId = /^Message-ID:\s*(<[^<>\s]+>)/im.exec(original)?.[1] ?? ids(mail.inReplyTo)[0] ?? null;
  const failed = mail.headers.get('x-failed-recipients');
  const first = report?.recipients.find((r) => r.action === 'failed') ?? report?.recipients[0];
  if (first)
    return {
      originalMessageId: report?.originalMessageId ?? originalId,
      recipient: first.finalRecipient ?? first.originalRecipient,
      status: first.status,
      diagnostic: first.diagnostic,
      report,
    };
  return {
    originalMessageId: report?.originalMessageId ?? originalId,
    recipient: field(status, 'Final-Recipient') ?? (typeof failed === 'string' ? failed : null),
    status: field(status, 'Status'),
    diagnostic: field(status, 'Diagnostic-Code')?.slice(0, 500) ?? null,
    report,
  };
}

const extensionOf = (contentType: string) =>
  ({ 'message/rfc822': 'eml', 'text/plain': 'txt', 'text/html': 'html', 'image/png': 'png', 'image/jpeg': 'jpg' })[
    contentType
  ] ?? 'bin';
