/** The widget's words, English and Persian. Persian digits come from `Intl` with the `fa` locale. */
export const strings = {
  en: {
    open: 'Chat with us',
    close: 'Close chat',
    placeholder: 'Type a message…',
    send: 'Send',
    attach: 'Attach a file',
    start: 'Start chat',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    required: 'Required',
    typing: (name: string) => `${name || 'Someone'} is typing…`,
    sending: 'Sending',
    delivered: 'Delivered',
    read: 'Read',
    failed: 'Not sent',
    retry: 'Retry',
    tooLong: 'That message is too long.',
    slowDown: 'Too many messages at once; wait a moment and retry.',
    offline: 'We are away right now. Leave a message and we will answer by e-mail.',
    message: 'Message',
    leave: 'Send message',
    offlineDone: 'Thank you — we will answer by e-mail.',
    transcript: 'E-mail me this chat',
    transcriptSent: 'The transcript is on its way.',
    transcriptFailed: 'The transcript could not be sent.',
    ended: 'This chat has ended. How did we do?',
    comment: 'Anything to add? (optional)',
    rate: 'Send rating',
    thanks: 'Thank you for your feedback.',
    escalated: 'An answer follows by e-mail within 24 hours; the conversation continues there.',
    needEmail: 'Where should we write to you?',
    save: 'Save',
    reconnecting: 'Reconnecting…',
    you: 'You',
    star: (n: number) => `${n} of 5`,
  },
  fa: {
    open: 'گفت‌وگو با ما',
    close: 'بستن گفت‌وگو',
    placeholder: 'پیام خود را بنویسید…',
    send: 'ارسال',
    attach: 'پیوست فایل',
    start: 'شروع گفت‌وگو',
    name: 'نام',
    email: 'ایمیل',
    phone: 'تلفن',
    required: 'الزامی',
    typing: (name: string) => `${name || 'کسی'} در حال نوشتن است…`,
    sending: 'در حال ارسال',
    delivered: 'رسید',
    read: 'خوانده شد',
    failed: 'ارسال نشد',
    retry: 'تلاش دوباره',
    tooLong: 'این پیام بیش از حد طولانی است.',
    slowDown: 'پیام‌ها بیش از حد سریع‌اند؛ کمی صبر کنید و دوباره بفرستید.',
    offline: 'اکنون در دسترس نیستیم. پیام بگذارید تا با ایمیل پاسخ دهیم.',
    message: 'پیام',
    leave: 'ارسال پیام',
    offlineDone: 'سپاسگزاریم — با ایمیل پاسخ می‌دهیم.',
    transcript: 'این گفت‌وگو را برایم ایمیل کن',
    transcriptSent: 'متن گفت‌وگو ارسال شد.',
    transcriptFailed: 'ارسال متن گفت‌وگو ممکن نشد.',
    ended: 'این گفت‌وگو پایان یافت. چطور بودیم؟',
    comment: 'نکته‌ای دارید؟ (اختیاری)',
    rate: 'ثبت امتیاز',
    thanks: 'از بازخورد شما سپاسگزاریم.',
    escalated: 'پاسخ ظرف ۲۴ ساعت با ایمیل می‌رسد و گفت‌وگو از همان‌جا ادامه می‌یابد.',
    needEmail: 'به کدام نشانی برایتان بنویسیم؟',
    save: 'ذخیره',
    reconnecting: 'در حال اتصال دوباره…',
    you: 'شما',
    star: (n: number) => `${new Intl.NumberFormat('fa').format(n)} از ۵`,
  },
};
export type Strings = typeof strings.en;
export type WidgetLocale = keyof typeof strings;

/** The page's language (`<html lang>`), else the visitor's browser; Persian or English. */
export function pickLocale(forced: string | null | undefined): WidgetLocale {
  const candidates = [forced, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])];
  for (const lang of candidates) {
    if (!lang || lang === 'auto') continue;
    return lang.toLowerCase().startsWith('fa') ? 'fa' : 'en';
  }
  return 'en';
}
