// No two runs of spaces may touch (`\s*(\[\d+\])?\s*` did): their ways of splitting one long run
// of spaces made a 60,000-space subject cost seconds.
const prefix =
  /^\s*((re|fw|fwd|aw|wg|sv|vs|tr|rif|antw|odp|ynt|رد|پاسخ|automatic reply|auto(matic)?[- ]?reply|out of office)\s*(\[\d+\]\s*)?[:：]\s*)+/i;
const token = /\[[^\]#[]{1,40}#\d{1,9}\]/g;

/** A subject as a thread key: without reply/forward prefixes, ticket tokens, case or spacing differences. */
export function normaliseSubject(subject: string): string {
  let s = subject.replace(token, ' ');
  for (let i = 0; i < 5 && prefix.test(s); i++) s = s.replace(prefix, '');
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The ticket number in `[Prefix #1234]` when the prefix is this client's. */
export function ticketNumberIn(subject: string, ticketPrefix: string): number | null {
  for (const match of subject.matchAll(/\[([^\]#[]{1,40})#(\d{1,9})\]/g)) {
    if (match[1]!.trim().toLowerCase() === ticketPrefix.trim().toLowerCase()) return Number(match[2]);
  }
  return null;
}

export const ticketToken = (ticketPrefix: string, number: number) => `[${ticketPrefix} #${number}]`;
