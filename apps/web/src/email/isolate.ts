/**
 * Wraps text from the outside world (an SMTP error, an address) in Unicode's first-strong isolate, the plain-text
 * twin of <bdi>: "552 5.2.2 Mailbox full" then stays in its own order inside a Persian sentence.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
