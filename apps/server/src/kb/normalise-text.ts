/**
 * The one normalisation both sides of the search share: what is stored in `search_title`/`search_body`
 * and what a query is turned into. Persian text arrives with Arabic letter forms (ي, ك, ة, أ), Persian
 * or Arabic-Indic digits, diacritics, tatweel and zero-width non-joiners; all of them fold to one form.
 */
const letterForms: Record<string, string> = {
  ي: 'ی',
  ى: 'ی',
  ئ: 'ی',
  ك: 'ک',
  ة: 'ه',
  ۀ: 'ه',
  أ: 'ا',
  إ: 'ا',
  ٱ: 'ا',
  آ: 'ا',
  ؤ: 'و',
};

export function normaliseText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[يىئكةۀأإٱآؤ]/g, (letter) => letterForms[letter] ?? letter)
      // Persian (۰-۹) and Arabic-Indic (٠-٩) digits become ASCII.
      .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      // Diacritics (harakat), tatweel, zero-width joiners: dropped; the non-joiner splits affixes off.
      .replace(/\u200D|\uFEFF|[\u064B-\u065F\u0670\u0640]/g, '')
      .replace(/[\u200C\u200F\u200E]/g, ' ')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Persian words too common to tell one answer from another (`simple` has no stop words of its own). */
const persianStopWords = new Set(
  `و در به از که این آن را با برای تا یا هم نیز اما اگر ولی چون چه چرا کی کجا یک دو هر همه من تو او ما شما
  ایشان انها است هست نیست بود باشد شد شده میشود می نمی ها های هایش هایم ام ای اش ایم اید اند تر ترین
  سلام وقت بخیر ممنون مرسی لطفا لطفاً خیلی الان امروز دیروز فردا بله نه کنید کنم کرد کردم کرده کردن دارم
  دارید دارد داریم داشتم خواستم خواهم خواهش میخواهم میخواستم بدهم بدهید بگویید بفرمایید دیگر باید شود
  بر روی پیش بعد همین همان چطور چگونه چند حتی فقط اینکه انکه هنوز ولی کنار توی تو ی`.split(/\s+/),
);

/** The searchable words of a text, normalised, without Persian stop words. */
export function searchWords(text: string): string[] {
  const words = normaliseText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => !persianStopWords.has(word) && (word.length > 1 || /\d/.test(word)));
}

/**
 * A tsquery that matches any of the words (a customer's message is prose, not a keyword list). Words
 * hold only letters and digits, so the expression needs no further escaping; `prefix` adds `:*` to
 * catch a word still being typed.
 */
export function anyWordQuery(text: string, options: { prefix?: boolean; maxWords?: number } = {}): string {
  const unique = [...new Set(searchWords(text).flatMap(withPersianStem))].slice(0, options.maxWords ?? 40);
  return unique.map((word) => (options.prefix && word.length >= 3 ? `${word}:*` : word)).join(' | ');
}

const persianSuffixes = ['هایم', 'هایش', 'هایت', 'های', 'ها', 'مان', 'تان', 'شان', 'ام', 'ات', 'اش', 'م', 'ت', 'ش'];

/**
 * `simple` does not stem, so a Persian word with a possessive or plural suffix written on ("سفارشم",
 * "گلهایش") also asks for its bare form. Only the query side does this: the stored text keeps its words.
 */
function withPersianStem(word: string): string[] {
  if (!/^[\u0600-\u06FF]{4,}$/.test(word)) return [word];
  const suffix = persianSuffixes.find((s) => word.endsWith(s) && word.length - s.length >= 3);
  return suffix ? [word, word.slice(0, -suffix.length)] : [word];
}
