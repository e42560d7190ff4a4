/**
 * What Switchboard writes on its own about escalations, in English and Persian: the built-in customer
 * notice (a client may replace it per language in admin) and the e-mails to the client's users.
 * Placeholders: {{customer}}, {{client}}, {{hours}}.
 */
export const defaultNoticeTemplates: Record<'en' | 'fa', string> = {
  en: 'Hello {{customer}},\n\nThank you for your patience. We have passed your question to the {{client}} team and will send you an update within {{hours}} hours.',
  fa: '{{customer}} گرامی،\n\nاز شکیبایی شما سپاسگزاریم. پرسش شما را به تیم {{client}} سپردیم و ظرف {{hours}} ساعت نتیجه را به شما اطلاع می‌دهیم.',
};

export const languageOf = (locale: string): 'en' | 'fa' => (locale === 'fa' ? 'fa' : 'en');

const persianDigits = (text: string) => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

export function fillNotice(
  template: string,
  values: { customer: string; client: string; hours: number },
  language: string,
) {
  const hours = language === 'fa' ? persianDigits(String(values.hours)) : String(values.hours);
  return template
    .replaceAll('{{customer}}', values.customer)
    .replaceAll('{{client}}', values.client)
    .replaceAll('{{hours}}', hours);
}

/** The help-page links appended to the customer notice. */
export function withLinks(notice: string, links: { title: string; url: string }[], language: string) {
  if (links.length === 0) return notice;
  const heading =
    language === 'fa' ? 'این راهنماها شاید همین حالا کمک کنند:' : 'These articles may help in the meantime:';
  return `${notice}\n\n${heading}\n${links.map((link) => `- ${link.title}: ${link.url}`).join('\n')}`;
}

export type ClientMailKind = 'request' | 'reminder' | 'overdue';

type ClientMail = { subject: string; body: string };

/** The e-mail to a client user: the question, a link to answer in the portal, and "or just reply". */
export function clientMail(
  kind: ClientMailKind,
  locale: string,
  values: {
    client: string;
    prefix: string;
    number: number;
    subject: string;
    question: string;
    askedBy: string;
    link: string;
    due: Date;
    ref: string;
  },
): ClientMail {
  const token = `[${values.ref}]`;
  const ticket = `${values.prefix} #${values.number}`;
  if (languageOf(locale) === 'fa') {
    const lead = {
      request: `کارشناس ما (${values.askedBy}) برای پاسخ به یکی از مشتریان شما به کمک شما نیاز دارد.`,
      reminder: 'یادآوری: این پرسش هنوز بی‌پاسخ مانده است و مشتری منتظر است.',
      overdue: 'مهلت ۲۴ ساعتهٔ پاسخ به این پرسش گذشته است. مشتری همچنان منتظر است.',
    }[kind];
    const title = { request: 'پرسش', reminder: 'یادآوری پرسش', overdue: 'پرسش با تأخیر' }[kind];
    return {
      subject: `${title} دربارهٔ ${ticket}: ${values.subject || 'بدون موضوع'} ${token}`,
      body: `${lead}\n\nگفتگو: ${ticket} — ${values.subject}\n\nپرسش:\n${values.question}\n\nپاسخ در پرتال: ${values.link}\nیا به همین ایمیل پاسخ دهید.`,
    };
  }
  const lead = {
    request: `Our agent ${values.askedBy} needs your help to answer one of your customers.`,
    reminder: 'Reminder: this question is still unanswered and your customer is waiting.',
    overdue: 'This question has passed its 24-hour answer time. Your customer is still waiting.',
  }[kind];
  const title = { request: 'Question', reminder: 'Reminder', overdue: 'Overdue' }[kind];
  return {
    subject: `${title} about ${ticket}: ${values.subject || '(no subject)'} ${token}`,
    body: `${lead}\n\nConversation: ${ticket} — ${values.subject}\nPlease answer by ${values.due.toUTCString()}.\n\nQuestion:\n${values.question}\n\nAnswer in the portal: ${values.link}\nOr simply reply to this e-mail.`,
  };
}
