/** A message's language as the timeline and search store it: Persian script means Persian, anything else English. */
export const languageOfText = (text: string): 'fa' | 'en' => (/[\u0600-\u06FF]/.test(text) ? 'fa' : 'en');
