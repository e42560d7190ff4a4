import { type Attachment, type ParsedMail, simpleParser } from 'mailparser';

/** What the messages enclosed in an e-mail (forwards, digests) add to its text, HTML and attachments. */
export type EnclosedMessages = {
  /** One "Forwarded message" block per enclosed message, in order; '' when there are none. */
  text: string;
  html: string;
  /** The e-mail's own attachments (each enclosed .eml named after its subject) and those of the enclosed messages. */
  attachments: Attachment[];
};

const maxDepth = 3;
const maxMessages = 20;
// No html-to-text here: an enclosed message's HTML joins the message's own, which is checked for nesting before any parser.
const parseOptions = { skipImageLinks: true, skipTextLinks: true, skipHtmlToText: true } as const;

/**
 * mailparser keeps a `message/rfc822` part as an opaque attachment unless it is marked inline, so a
 * GroupWise or Outlook forward, or a MIME digest, showed an empty body. Each enclosed message is read
 * here and shown as a block with its From, Date and Subject; its own attachments join the e-mail's; the
 * .eml stays attached as it came. Bounded (three levels, twenty messages); beyond that they stay files.
 */
export async function readEnclosedMessages(
  mail: ParsedMail,
  depth = 0,
  budget = { left: maxMessages },
): Promise<EnclosedMessages> {
  const text: string[] = [];
  const html: string[] = [];
  const attachments: Attachment[] = [];
  for (const attachment of mail.attachments) {
    if (attachment.contentType !== 'message/rfc822') {
      attachments.push(attachment);
      continue;
    }
    const enclosed = depth < maxDepth && budget.left > 0 ? await readMessage(attachment.content) : null;
    const subject = enclosed?.subject?.trim() || 'Forwarded message';
    attachments.push({ ...attachment, filename: attachment.filename || `${fileName(subject)}.eml` });
    if (!enclosed) continue;
    budget.left--;
    const inner = await readEnclosedMessages(enclosed, depth + 1, budget);
    const head = headerLines(enclosed);
    text.push(
      ['---------- Forwarded message ----------', ...head, '', (enclosed.text ?? '').trim(), inner.text].join('\n'),
    );
    html.push(
      `<div class="sb-forwarded"><p>---------- Forwarded message ----------<br>${head.map(escapeHtml).join('<br>')}</p>` +
        `${typeof enclosed.html === 'string' ? enclosed.html : (enclosed.textAsHtml ?? '')}${inner.html}</div>`,
    );
    attachments.push(...inner.attachments);
  }
  return { text: text.map((block) => `\n\n${block.trim()}`).join(''), html: html.join(''), attachments };
}

async function readMessage(content: Buffer): Promise<ParsedMail | null> {
  try {
    return await simpleParser(content, parseOptions);
  } catch {
    return null; // an unreadable enclosure stays an attachment
  }
}

function headerLines(mail: ParsedMail): string[] {
  const from = mail.from?.value[0];
  const who = from ? (from.name ? `${from.name} <${from.address ?? ''}>` : (from.address ?? '')) : '';
  const to = [mail.to ?? []].flat().flatMap((list) => list.value.map((a) => a.address ?? a.name));
  return [
    who && `From: ${who}`,
    mail.date && `Date: ${mail.date.toUTCString()}`,
    mail.subject && `Subject: ${mail.subject}`,
    to.length > 0 && `To: ${to.join(', ')}`,
  ].filter((line): line is string => Boolean(line));
}

const fileName = (subject: string) =>
  subject
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .trim()
    .slice(0, 100) || 'Forwarded message';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
