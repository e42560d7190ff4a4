import type { KbCategory, KbItemKind, Locale } from '@switchboard/contracts';
import type { TFunction } from 'i18next';

export const kbKinds: readonly KbItemKind[] = ['answer', 'article', 'canned', 'script'];

export const kindOptions = (t: TFunction) => kbKinds.map((kind) => ({ value: kind, label: t(`kb.kind.${kind}`) }));

export const languageOptions = (t: TFunction) =>
  (['en', 'fa'] as const).map((language) => ({ value: language, label: t(`kb.language.${language}`) }));

/** A category's name in the reader's language, else any it has. */
export const categoryName = (category: KbCategory, locale: Locale) =>
  category.names[locale] ?? category.names.en ?? category.names.fa ?? '';

export const categoryOptions = (categories: readonly KbCategory[], locale: Locale) =>
  categories.map((category) => ({ value: category.id, label: categoryName(category, locale) }));

/**
 * Mantine puts an input's `dir` on its wrapper, where `auto` finds no text and means LTR; on the input
 * itself it follows what is typed, so Persian and English both read right.
 */
export const autoDirection = { input: { dir: 'auto' } } as const;
