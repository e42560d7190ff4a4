import type { ParsedMail } from 'mailparser';

export type EmailClass = {
  /** A delivery status notification about mail we sent. */
  bounce: boolean;
  /** Written by a machine on the customer's side (out of office, auto-responder). */
  autoReply: boolean;
  /** Never acknowledge: automatic, bulk, list or mailer-daemon mail (RFC 3834). */
  noAutoAck: boolean;
};

const header = (mail: ParsedMail, name: string): string => {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'object' && 'value' in value) return String(value.value).toLowerCase();
  return String(value).toLowerCase();
};

/** A header's parameter (`report-type` of Content-Type), which `header` leaves out. */
const parameter = (mail: ParsedMail, name: string, key: string): string => {
  const value = mail.headers.get(name);
  if (typeof value !== 'object' || value === null || !('params' in value)) return '';
  return String((value.params as Record<string, unknown>)[key] ?? '').toLowerCase();
};

export function classifyEmail(mail: ParsedMail, envelopeFrom: string | null): EmailClass {
  const from = (mail.from?.value[0]?.address ?? '').toLowerCase();
  const contentType = header(mail, 'content-type');
  // mailparser keeps Content-Type's value and its parameters apart: a standard DSN says what it is in
  // `report-type` (RFC 3462), and its delivery-status part is folded into the text, never an attachment.
  const reportType = contentType === 'multipart/report' ? parameter(mail, 'content-type', 'report-type') : '';
  const daemon = /^(mailer-daemon|postmaster)@/.test(from) || envelopeFrom === '' || envelopeFrom === '<>';
  const bounce =
    reportType === 'delivery-status' ||
    reportType === 'global-delivery-status' ||
    mail.attachments.some((a) => a.contentType === 'message/delivery-status') ||
    (daemon && /undeliver|delivery (status|failure)|returned mail|failure notice/i.test(mail.subject ?? ''));
  const autoSubmitted = header(mail, 'auto-submitted');
  const precedence = header(mail, 'precedence');
  const autoReply =
    !bounce &&
    (autoSubmitted.startsWith('auto-replied') ||
      mail.headers.has('x-autoreply') ||
      mail.headers.has('x-autorespond') ||
      precedence === 'auto_reply' ||
      /^(auto(matic)? reply|out of (the )?office|autoreply|abwesenheitsnotiz|پاسخ خودکار)\b/i.test(mail.subject ?? ''));
  const machine = (autoSubmitted !== '' && autoSubmitted !== 'no') || mail.headers.has('x-auto-response-suppress');
  const bulk =
    ['bulk', 'list', 'junk'].includes(precedence) ||
    mail.headers.has('list-id') ||
    mail.headers.has('list-unsubscribe');
  const noreply = /^(no-?reply|do-?not-?reply)@/.test(from);
  return { bounce, autoReply, noAutoAck: bounce || autoReply || daemon || machine || bulk || noreply };
}
