import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../lib/random.js';

/**
 * The message mix, built from the project's fixture corpus (apps/server/src/email/fixtures): each
 * message keeps a fixture's MIME body (charsets, multiparts, attachments, quoting as real clients write
 * them) under fresh headers: a new Message-ID, the demo inbox as To, a sender from a pool of customers,
 * and for replies In-Reply-To/References naming a message the benchmark already had acknowledged.
 */

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/server/src/email/fixtures');

export const INBOXES = {
  acme: 'support@acme.demo.test',
  golestan: 'support@golestan.demo.test',
} as const;
export type InboxKey = keyof typeof INBOXES;

/** Kinds of message in the mix, with their share (percent) of new mail and their fixtures. */
export const MIX = {
  plain: {
    weight: 25,
    fixtures: ['08-thunderbird-new.eml', '44-latin1-quoted-printable.eml', '14-charset-koi8-r.eml'],
  },
  html: {
    weight: 30,
    fixtures: [
      '01-gmail-new.eml',
      '04-outlook-new.eml',
      '06-apple-new.eml',
      '43-html-only.eml',
      '23-remote-images.eml',
    ],
  },
  attachment: {
    weight: 15,
    fixtures: ['19-attachment-pdf.eml', '20-attachment-rfc2231-names.eml', '21-inline-image-cid.eml'],
  },
  persian: { weight: 20, fixtures: ['17-persian-gmail.eml', '13-charset-windows-1256.eml'] },
  other: { weight: 10, fixtures: ['12-charset-iso-2022-jp.eml', '15-charset-gb18030.eml', '10-forward-inline.eml'] },
} as const;
export type MixKind = keyof typeof MIX | 'reply' | 'reply-fa';

const REPLY_FIXTURES = ['02-gmail-reply.eml', '07-apple-reply.eml', '09-thunderbird-reply.eml'];
const PERSIAN_REPLY_FIXTURES = ['18-persian-reply.eml'];

/** Headers that we replace; everything else in the fixture's header block is kept. */
const REPLACED = /^(message-id|in-reply-to|references|to|from|subject|date|thread-index|thread-topic|received):/i;

type Template = { name: string; headers: string[]; subject: string; body: string };

function loadTemplate(name: string): Template {
  // latin1 keeps every byte as it is (8-bit charsets), and we write it back the same way.
  const text = readFileSync(path.join(fixtureDir, name)).toString('latin1').replace(/\r?\n/g, '\r\n');
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split);
  const body = text.slice(split + 4);
  const fields: string[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1] += `\r\n${line}`;
    else fields.push(line);
  }
  const subject = fields.find((f) => /^subject:/i.test(f))?.replace(/^subject:\s*/i, '') ?? '';
  return { name, headers: fields.filter((f) => !REPLACED.test(f)), subject: subject.replace(/\r\n[ \t]+/g, ' '), body };
}

export type BenchMessage = {
  /** The RFC Message-ID with angle brackets, as stored in email_messages.rfc_message_id. */
  rfcId: string;
  inbox: InboxKey;
  kind: MixKind;
  from: string;
  subject: string;
  raw: Buffer;
  bytes: number;
};

const FIRST = ['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'gina', 'hugo', 'ivy', 'jack', 'kate', 'liam'];
const FIRST_FA = ['sara', 'reza', 'maryam', 'ali', 'neda', 'hossein', 'zahra', 'omid', 'leila', 'kaveh'];
/** Where the bench's senders write from (the bench's DNS publishes their SPF and DMARC). */
export const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'example.org', 'mail.example.net'];

const encodeWord = (text: string) =>
  /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/**
 * Generates the mix: `replyShare` of the messages answer an earlier acknowledged one (same sender,
 * same inbox, "Re:" subject, In-Reply-To + References), the rest open new threads. A third of the
 * attachment messages carry an extra random 8–48 KB attachment, so storage writes real bytes.
 */
export class MessageFactory {
  private readonly random: Random;
  private readonly templates = new Map<string, Template>();
  private n = 0;
  private readonly run = randomBytes(4).toString('hex');
  readonly counts: Record<string, number> = {};

  constructor(
    seed: number,
    private readonly replyShare = 0.3,
  ) {
    this.random = new Random(seed);
    for (const group of Object.values(MIX))
      for (const name of group.fixtures) this.templates.set(name, loadTemplate(name));
    for (const name of [...REPLY_FIXTURES, ...PERSIAN_REPLY_FIXTURES]) this.templates.set(name, loadTemplate(name));
  }

  /** `parent`: an acknowledged message to reply to, or undefined for new mail. */
  next(parent?: BenchMessage): BenchMessage {
    const n = ++this.n;
    const rfcId = `<bench-${this.run}-${n}@${this.random.pick(DOMAINS)}>`;
    const now = new Date().toUTCString().replace('GMT', '+0000');
    if (parent && this.random.chance(this.replyShare)) {
      const persian = parent.inbox === 'golestan' && parent.kind === 'persian';
      const template = this.templates.get(this.random.pick(persian ? PERSIAN_REPLY_FIXTURES : REPLY_FIXTURES))!;
      const subject = parent.subject.startsWith('Re: ') ? parent.subject : `Re: ${parent.subject}`;
      const headers = [
        `Received: from relay.example (relay.example [198.51.100.7]) by mx.switchboard.test; ${now}`,
        `From: ${parent.from}`,
        `To: ${INBOXES[parent.inbox]}`,
        `Subject: ${encodeWord(subject)}`,
        `Date: ${now}`,
        `Message-ID: ${rfcId}`,
        `In-Reply-To: ${parent.rfcId}`,
        `References: ${parent.rfcId}`,
        ...template.headers,
      ];
      return this.build(
        rfcId,
        parent.inbox,
        persian ? 'reply-fa' : 'reply',
        parent.from,
        subject,
        headers,
        template.body,
      );
    }
    const kind = this.random.weighted({
      plain: MIX.plain.weight,
      html: MIX.html.weight,
      attachment: MIX.attachment.weight,
      persian: MIX.persian.weight,
      other: MIX.other.weight,
    });
    const template = this.templates.get(this.random.pick(MIX[kind].fixtures))!;
    // Persian mail mostly goes to Golestan, the rest mostly to Acme; a tenth crosses over.
    const inbox: InboxKey = (kind === 'persian') !== this.random.chance(0.1) ? 'golestan' : 'acme';
    const persianName = kind === 'persian';
    const first = this.random.pick(persianName ? FIRST_FA : FIRST);
    const address = `${first}.${this.random.int(1, 400)}@${this.random.pick(DOMAINS)}`;
    const from = `${first[0]!.toUpperCase()}${first.slice(1)} <${address}>`;
    // A distinct subject per thread, so the cautious subject fallback never joins two new threads.
    const base = decodeSubject(template.subject) || 'Question';
    const subject = `${base} (ref ${10_000 + n})`;
    const headers = [
      `Received: from relay.example (relay.example [198.51.100.7]) by mx.switchboard.test; ${now}`,
      `From: ${from}`,
      `To: ${INBOXES[inbox]}`,
      `Subject: ${encodeWord(subject)}`,
      `Date: ${now}`,
      `Message-ID: ${rfcId}`,
      ...template.headers,
    ];
    if (kind === 'attachment' && this.random.chance(1 / 3)) {
      const body = extraAttachment(template, this.random.int(8, 48) * 1024);
      return this.build(rfcId, inbox, kind, from, subject, withMixed(headers), body);
    }
    return this.build(rfcId, inbox, kind, from, subject, headers, template.body);
  }

  private build(
    rfcId: string,
    inbox: InboxKey,
    kind: MixKind,
    from: string,
    subject: string,
    headers: string[],
    body: string,
  ): BenchMessage {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    const raw = Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'latin1');
    return { rfcId, inbox, kind, from, subject, raw, bytes: raw.length };
  }
}

/** Decodes the fixtures' RFC 2047 subjects (UTF-8 B/Q only; other charsets keep their encoded form). */
function decodeSubject(subject: string): string {
  return subject
    .replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'))
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/^(Re|Fwd?):\s*/i, '')
    .trim();
}

/** Replaces the top-level Content-Type with a multipart/mixed that wraps the original entity. */
function withMixed(headers: string[]): string[] {
  return [
    ...headers.filter((h) => !/^(content-type|content-transfer-encoding):/i.test(h)),
    'Content-Type: multipart/mixed; boundary="bench-outer"',
  ];
}

function extraAttachment(template: Template, size: number): string {
  const inner = template.headers.filter((h) => /^(content-type|content-transfer-encoding):/i.test(h));
  const b64 = (
    randomBytes(size)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
  return [
    '--bench-outer',
    ...inner,
    '',
    template.body,
    '--bench-outer',
    'Content-Type: application/octet-stream; name="scan.bin"',
    'Content-Disposition: attachment; filename="scan.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    '--bench-outer--',
    '',
  ].join('\r\n');
}
