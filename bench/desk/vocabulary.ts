import { en, fa } from '@faker-js/faker';

/**
 * The words the generated messages are made of. English: faker's part-of-speech lists (about 3,300
 * words) plus a helpdesk vocabulary that is drawn more often. Persian: words from the project's
 * Persian seed page (a virtual-office service description) plus faker's Persian lists.
 *
 * Words are drawn with a Zipf-like frequency (rank r has weight 1 / (r + 10)), so a search for a
 * common word matches a large share of the messages and a rare word only a few, as in real mail.
 */

const HELPDESK_EN = [
  'order',
  'invoice',
  'refund',
  'delivery',
  'account',
  'password',
  'login',
  'payment',
  'subscription',
  'shipping',
  'package',
  'tracking',
  'cancel',
  'return',
  'exchange',
  'warranty',
  'receipt',
  'charge',
  'card',
  'billing',
  'appointment',
  'booking',
  'reservation',
  'schedule',
  'meeting',
  'callback',
  'quote',
  'contract',
  'document',
  'translation',
  'address',
  'phone',
  'email',
  'number',
  'problem',
  'issue',
  'error',
  'broken',
  'missing',
  'damaged',
  'late',
  'urgent',
  'help',
  'support',
  'question',
  'request',
  'update',
  'status',
  'confirm',
  'confirmation',
  'discount',
  'coupon',
  'price',
  'product',
  'service',
  'manager',
  'customer',
  'store',
  'website',
  'app',
  'download',
  'install',
  'reset',
  'verify',
  'code',
  'link',
  'attachment',
  'photo',
  'size',
  'color',
  'stock',
  'available',
  'week',
  'today',
  'tomorrow',
  'yesterday',
  'morning',
  'afternoon',
  'evening',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'weekend',
  'thanks',
  'please',
  'sorry',
  'regards',
  'kindly',
];

const SEED_FA = [
  'به',
  'از',
  'همکال',
  'تماس',
  'خدمت',
  'در',
  'تماسهای',
  'ارائه',
  'برای',
  'این',
  'خروجی',
  'ورودی',
  'مجازی',
  'پاسخگویی',
  'با',
  'میکند',
  'کارفرما',
  'تعرفه',
  'ثبت',
  'یک',
  'دفتر',
  'کار',
  'که',
  'نرم',
  'افزار',
  'دریافت',
  'منشی',
  'کسبوکارها',
  'مرکز',
  'استفاده',
  'برقراری',
  'را',
  'انجام',
  'محاسبه',
  'حالت',
  'اعلام',
  'میشود',
  'اطلاعات',
  'تخصیص',
  'تماسها',
  'سایر',
  'خط',
  'تلفن',
  'کارشناس',
  'خطوط',
  'تعداد',
  'یا',
  'میگردد',
  'لازم',
  'نیازمندی',
  'همچنین',
  'تمایل',
  'داشته',
  'است',
  'صرفا',
  'قرار',
  'پیش',
  'نظر',
  'آنلاین',
  'مشتریان،',
  'کسبوکارهایی',
  'دارند',
  'نیروی',
  'باشند',
  'علاوهبر',
  'تماس،',
  'جهت',
  'ویپ',
  'تا',
  'میدهد',
  'میتواند',
  'متناسب',
  'اما',
  'ازای',
  'هر',
  'دقیق',
  'بگیرید',
  'وظایف',
  'تماسها،',
  'پلنهای',
  'انعقاد',
  'قرارداد',
  'پس',
  'سوی',
  'سوپروایزر',
  'مشتری',
  'نیز',
  'گزارشها',
  'ها',
  'نوع',
  'خدمت،',
  'کارشناسان',
  'همکال،',
  'کسبوکار',
  'مانند',
  'هم',
  'خدمات',
  'دیگری',
  'نتایج',
  'شرایط',
  'اختصاصی',
  'تنظیم',
  'ملاقات',
  'متفاوت',
  'اسکریپت',
  'بستر',
  'پنل',
  'ضبط',
  'مکالمات',
  'دفترکار',
  'صورت',
  'هستند',
  'حضوری',
  'تمام',
  'جز',
  'امور',
  'ارسال',
  'انواع',
  'مناسب',
  'قصد',
  'دورکار',
  'زیرساختهای',
  'زمانی',
  'اختیار',
  'کند',
  'مورد',
  'کلی',
  'خروجی،',
  'محوله',
  'بپردازد',
  'شامل',
  'هماهنگی',
  'جلسات',
  'اطلاع',
  'کارفرما،',
  'سنجش',
  'رضایت',
  'انتقال',
  'هدایت',
  'راهنمایی',
  'پشتیبانی',
  'مشتریان',
  'طبق',
  'دستورالعمل',
  'کارفرما،استخراج',
  'اینترنت،',
  'پیگیری',
  'پیامها',
  'باشد',
  'بوده',
  'باید',
  'گردد',
  'نتیجه',
  'تعیینشدهای',
  'وجود',
  'ندارد',
  'بستگی',
  'ندارد؛',
  'کلیتعرفه',
  'ساعت',
  'کیفیت',
  'مجازی،',
  'میپردازد',
  'مراحل',
  'اطلاعاتی',
  'میانگین',
  'طول',
  'مکالمات،',
  'ساعات',
  'فعالیتهایی',
  'دهد',
  'پیشنهادی',
  'مختلف',
  'قیمتی',
  'مذاکره،',
  'توافقنامه',
  'منع',
  'افشای',
  'آموزشها',
  'فعالیت',
  'مشخص',
  'او',
  'سوالات',
  'جوابهای',
  'متداول',
  'آموزش',
  'تلفن،',
  'مییابد',
  'شروع',
  'زیرساختها،',
  'آغاز',
  'قابلیت',
  'نمایش',
  'صوتهای',
  'شده',
  'دارد',
  'برخی',
  'کسب',
  'کارها',
  'استارتاپ',
  'ابتدای',
  'مسیر',
  'خود',
  'توسعه،',
  'حجم',
  'پایینی',
  'مواجه',
  'استخدام',
  'وقت',
  'بخش',
  'عمده',
  'ای',
  'اقتصادی',
  'توجیهپذیر',
  'نیست',
  'عنوان',
  'پیشنهاد',
  'پاسخگوی',
  'های',
  'برقرارکننده',
  'آن',
  'اگر',
  'باشید',
  'پیام',
  'مدیریت',
  'شبکههای',
  'اجتماعی',
  'دهد،',
  'میتوانید',
  'کنید',
  'مزیتهای',
  'گرفتن',
  'مشارکت',
  'تهیه',
  'سناریو',
  'تست',
  'عملکرد',
  'ایجاد',
  'دسترسی',
  'ارزیابی',
  'بیپاسخ',
  'تفاوت',
  'نظیر',
  'پیام،',
  'چک',
  'کردن',
  'ایمیل،',
  'عبارتی',
  'کارهایی',
  'میدهد،',
  'رسیدگی',
  'قوانین',
];

const HELPDESK_FA = [
  'سلام',
  'ممنون',
  'سفارش',
  'فاکتور',
  'پرداخت',
  'ارسال',
  'تحویل',
  'بسته',
  'پیگیری',
  'لغو',
  'مرجوعی',
  'تعویض',
  'گارانتی',
  'رسید',
  'حساب',
  'رمز',
  'ورود',
  'اشتراک',
  'نوبت',
  'رزرو',
  'جلسه',
  'قرارداد',
  'مدارک',
  'ترجمه',
  'نشانی',
  'شماره',
  'مشکل',
  'خطا',
  'خراب',
  'تاخیر',
  'فوری',
  'کمک',
  'پشتیبانی',
  'سوال',
  'درخواست',
  'وضعیت',
  'تایید',
  'تخفیف',
  'قیمت',
  'محصول',
  'فروشگاه',
  'سایت',
  'برنامه',
  'کد',
  'لینک',
  'عکس',
  'موجودی',
  'هفته',
  'امروز',
  'فردا',
  'دیروز',
  'صبح',
  'عصر',
  'شنبه',
  'یکشنبه',
  'دوشنبه',
  'سهشنبه',
  'چهارشنبه',
  'پنجشنبه',
  'جمعه',
  'لطفا',
  'متاسفانه',
  'باتشکر',
  'ارادتمند',
  'همکار',
  'مدیر',
  'مشتری',
  'تماس',
  'پیام',
  'ایمیل',
  'تلفن',
  'گفتگو',
];

const clean = (words: readonly string[], pattern: RegExp) => [
  ...new Set(words.flatMap((w) => w.toLowerCase().split(/\s+/)).filter((w) => w.length >= 2 && pattern.test(w))),
];

const latin = /^[a-z][a-z'-]*$/;
const persian = /^[\u0600-\u06ff\u200c]+$/;

/** English words, most frequent first: helpdesk words, then faker's lists interleaved. */
export const ENGLISH_WORDS: readonly string[] = clean(
  [
    ...HELPDESK_EN,
    ...interleave([en.word?.noun, en.word?.verb, en.word?.adjective, en.word?.adverb]),
    ...(en.word?.preposition ?? []),
    ...(en.word?.conjunction ?? []),
  ],
  latin,
);

export const PERSIAN_WORDS: readonly string[] = clean(
  [
    ...HELPDESK_FA,
    ...SEED_FA,
    ...interleave([fa.word?.noun, fa.word?.verb, fa.word?.adjective, fa.lorem?.word, fa.word?.preposition]),
    ...(fa.word?.conjunction ?? []),
    ...(fa.company?.adjective ?? []),
    ...(fa.company?.noun ?? []),
    ...(fa.commerce?.department ?? []),
    ...(fa.location?.city_name ?? []),
    ...(fa.location?.state ?? []),
  ],
  persian,
);

function interleave(lists: (readonly string[] | null | undefined)[]): string[] {
  const out: string[] = [];
  const present = lists.filter((l): l is readonly string[] => !!l);
  const longest = Math.max(...present.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of present) if (i < l.length) out.push(l[i]!);
  return out;
}

/** Samples word indexes with Zipf-like weights in O(1) through a precomputed table. */
export class ZipfTable {
  private readonly table: Uint16Array;

  constructor(size: number, offset = 10, tableSize = 1 << 18) {
    const weights = Array.from({ length: size }, (_, r) => 1 / (r + offset));
    const total = weights.reduce((a, b) => a + b, 0);
    this.table = new Uint16Array(tableSize);
    let rank = 0;
    let acc = weights[0]! / total;
    for (let i = 0; i < tableSize; i++) {
      const u = (i + 0.5) / tableSize;
      while (u > acc && rank < size - 1) {
        rank++;
        acc += weights[rank]! / total;
      }
      this.table[i] = rank;
    }
  }

  sample(u: number): number {
    return this.table[Math.floor(u * this.table.length)]!;
  }
}

export type Language = 'en' | 'fa';

const OPENERS_EN = ['Hi,', 'Hello,', 'Dear support,', 'Good morning,', 'Hi there,', 'Hello team,', ''];
const CLOSERS_EN = ['Thanks.', 'Thank you!', 'Best regards.', 'Kind regards.', 'Cheers.', ''];
const OPENERS_FA = ['سلام،', 'با سلام،', 'درود،', 'سلام وقت بخیر،', ''];
const CLOSERS_FA = ['ممنون.', 'با تشکر.', 'سپاس.', 'ارادتمند.', ''];

/** Builds readable-looking sentences from the vocabulary. */
export class TextMaker {
  private readonly enZipf = new ZipfTable(ENGLISH_WORDS.length);
  private readonly faZipf = new ZipfTable(PERSIAN_WORDS.length);

  word(rng: { next(): number }, language: Language): string {
    return language === 'fa'
      ? PERSIAN_WORDS[this.faZipf.sample(rng.next())]!
      : ENGLISH_WORDS[this.enZipf.sample(rng.next())]!;
  }

  sentence(rng: { next(): number }, language: Language, words: number): string {
    let s = '';
    for (let i = 0; i < words; i++) {
      const w = this.word(rng, language);
      s += i === 0 ? (language === 'en' ? w[0]!.toUpperCase() + w.slice(1) : w) : ` ${w}`;
    }
    return `${s}${language === 'fa' ? '.' : rng.next() < 0.15 ? '?' : '.'}`;
  }

  /** A message body of roughly `min`–`max` characters. */
  body(rng: { next(): number }, language: Language, min = 100, max = 400): string {
    const target = min + Math.floor(rng.next() * (max - min));
    const openers = language === 'fa' ? OPENERS_FA : OPENERS_EN;
    const closers = language === 'fa' ? CLOSERS_FA : CLOSERS_EN;
    let text = openers[Math.floor(rng.next() * openers.length)]!;
    while (text.length < target - 20) {
      const s = this.sentence(rng, language, 5 + Math.floor(rng.next() * 10));
      text += text ? ` ${s}` : s;
    }
    const closer = closers[Math.floor(rng.next() * closers.length)]!;
    if (closer) text += ` ${closer}`;
    return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  }

  subject(rng: { next(): number }, language: Language): string {
    return this.sentence(rng, language, 3 + Math.floor(rng.next() * 5)).slice(0, -1);
  }
}
