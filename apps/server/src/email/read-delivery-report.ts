import { finished } from 'node:stream/promises';
import { Splitter } from '@zone-eu/mailsplit';

/** One recipient block of an RFC 3464 delivery-status part. */
export type ReportedRecipient = {
  /** Final-Recipient, lower-cased, without its address type (`rfc822;`). */
  finalRecipient: string | null;
  /** Original-Recipient: the address as the sender gave it, when the reporting MTA kept it. */
  originalRecipient: string | null;
  /** failed | delayed | delivered | relayed | expanded */
  action: string;
  status: string | null;
  diagnostic: string | null;
};

export type DeliveryReport = {
  recipients: ReportedRecipient[];
  /** The Message-ID of the returned message (its message/rfc822 or text/rfc822-headers part). */
  originalMessageId: string | null;
};

const reportTypes = new Set(['message/delivery-status', 'message/global-delivery-status']);
const returnedHeaderTypes = new Set(['text/rfc822-headers', 'message/global-headers']);
/** A real report is a few hundred bytes; more is kept out of memory. */
const maxReportBytes = 64 * 1024;

/**
 * The delivery-status part of a bounce, read from the MIME structure itself (mailparser folds it into the
 * text), and the Message-ID of the message it returns. Null when the e-mail carries no such part.
 */
export async function readDeliveryReport(raw: Buffer): Promise<DeliveryReport | null> {
  const splitter = new Splitter({ maxHeadSize: 256 * 1024 });
  let report: Buffer[] | null = null;
  let reportSize = 0;
  let returnedHeaders: Buffer[] | null = null;
  let originalMessageId: string | null = null;
  let current: 'report' | 'headers' | null = null;
  let embeddedNext = false;
  splitter.on('data', (data) => {
    if (data.type === 'node') {
      current = null;
      const type = data.contentType || 'text/plain';
      if (embeddedNext) {
        // The root node of a returned message/rfc822: its own headers hold the Message-ID.
        embeddedNext = false;
        originalMessageId ??= idOf(data.headers ? data.headers.getFirst('message-id') : '');
      }
      if (report === null && reportTypes.has(type)) {
        report = [];
        current = 'report';
      } else if (returnedHeaders === null && returnedHeaderTypes.has(type)) {
        returnedHeaders = [];
        current = 'headers';
      } else if (type === 'message/rfc822' || type === 'message/global') embeddedNext = true;
      return;
    }
    if (data.type !== 'body' || current === null) return;
    const target = current === 'report' ? report : returnedHeaders;
    if (!target || reportSize >= maxReportBytes) return;
    const room = maxReportBytes - reportSize;
    const chunk = data.value.length > room ? data.value.subarray(0, room) : data.value;
    target.push(chunk);
    reportSize += chunk.length;
  });
  const done = finished(splitter);
  splitter.end(raw);
  await done;
  if (report === null) return null;
  const fields = fieldBlocks(Buffer.concat(report).toString('utf8'));
  if (returnedHeaders !== null && !originalMessageId) {
    const headers = fieldBlocks(Buffer.concat(returnedHeaders).toString('utf8'))[0];
    originalMessageId = idOf(headers?.get('message-id') ?? '');
  }
  // The first block is about the message (Reporting-MTA); each later one about one recipient.
  const recipients = fields.slice(1).flatMap((block): ReportedRecipient[] => {
    const finalRecipient = addressOf(block.get('final-recipient'));
    const originalRecipient = addressOf(block.get('original-recipient'));
    if (!finalRecipient && !originalRecipient) return [];
    return [
      {
        finalRecipient,
        originalRecipient,
        action: (block.get('action') ?? '').trim().toLowerCase(),
        status: block.get('status')?.trim().slice(0, 20) ?? null,
        diagnostic: block.get('diagnostic-code')?.trim().slice(0, 500) ?? null,
      },
    ];
  });
  return { recipients, originalMessageId };
}

/** `name: value` fields (continuation lines folded in), in blocks separated by blank lines (RFC 3464 §2.1). */
function fieldBlocks(text: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  let block = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (block.size > 0) blocks.push(block);
      block = new Map();
      last = null;
    } else if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      block.set(last, `${block.get(last)} ${line.trim()}`);
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      if (!block.has(last)) block.set(last, line.slice(colon + 1).trim());
    }
  }
  if (block.size > 0) blocks.push(block);
  return blocks;
}

/** `rfc822; Dave@Example.org` → `dave@example.org`. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const semicolon = value.indexOf(';');
  const address = (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim().replace(/^<|>$/g, '').toLowerCase();
  return address.includes('@') ? address.slice(0, 320) : null;
}

function idOf(value: string): string | null {
  const trimmed = value.trim();
  const start = trimmed.indexOf('<');
  const end = trimmed.indexOf('>', start);
  if (start >= 0 && end > start + 1) return trimmed.slice(start, end + 1).slice(0, 998);
  return trimmed && !/\s/.test(trimmed) ? `<${trimmed}>`.slice(0, 998) : null;
}
