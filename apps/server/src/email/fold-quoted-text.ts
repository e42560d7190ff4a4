/**
 * A quote header is one short line. Longer lines are never tested: patterns such as `Am .+ schrieb .+:`
 * backtrack quadratically, and a single 260 KB line held the event loop for seconds. The bounded
 * quantifiers keep each test linear in the capped line.
 */
const longestQuoteHeader = 400;
const quoteStarts = [
  /^On .{4,200}wrote:\s*$/, // Gmail, Apple Mail, Thunderbird
  /^-{2,}\s*Original Message\s*-{2,}/i, // Outlook (plain)
  /^_{10,}\s*$/, // Outlook.com separator before From:/Sent:
  /^From: ./, // Outlook header block
  /^-{2,} ?Forwarded message ?-{2,}/i,
  /^در تاریخ .{1,300} نوشت:?\s*$/, // Persian Gmail
  /^Le .{1,300} a écrit ?:\s*$/,
  /^Am .{1,300} schrieb .{1,300}:\s*$/,
];

export type FoldedText = { latest: string; quoted: string };

/**
 * Splits a reply into what the customer wrote now and the history they quoted, so the desk shows
 * the new part first and can fold the rest. Forwards keep everything in `latest`: there the quote is the point.
 */
export function foldQuotedText(text: string): FoldedText {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length > longestQuoteHeader) continue;
    if (/^-{2,} ?Forwarded message/i.test(line) || /^Begin forwarded message:/i.test(line)) break;
    if (quoteStarts.some((re) => re.test(line)) || (line.startsWith('>') && nextQuoted(lines, i))) {
      cut = i;
      break;
    }
  }
  if (cut <= 0) return { latest: text.trim(), quoted: '' };
  return { latest: lines.slice(0, cut).join('\n').trim(), quoted: lines.slice(cut).join('\n').trim() };
}

// One stray ">" is not a quote block; two consecutive quoted lines are.
const nextQuoted = (lines: string[], i: number) =>
  (lines[i + 1] ?? '').trim().startsWith('>') || i === lines.length - 1;
