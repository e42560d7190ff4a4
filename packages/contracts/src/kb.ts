import { z } from 'zod';
import { Id, Locale } from './common.js';

/** The knowledge base a client supplies: the Q&A tree, articles, canned replies and call scripts. */
export const KbItemKind = z.enum(['answer', 'article', 'canned', 'script']);
export type KbItemKind = z.infer<typeof KbItemKind>;

export const KbVisibility = z.enum(['internal', 'public']);
export type KbVisibility = z.infer<typeof KbVisibility>;

/** A category's name per language, e.g. `{ en: 'Shipping', fa: 'ارسال' }`. */
export const KbNames = z.partialRecord(Locale, z.string().trim().min(1).max(120));

export const KbCategory = z.object({
  id: Id,
  parentId: Id.nullable(),
  names: KbNames,
  position: z.number().int(),
});
export type KbCategory = z.infer<typeof KbCategory>;

export const CreateKbCategoryRequest = z.strictObject({
  parentId: Id.nullable().default(null),
  names: KbNames.refine((names) => Object.keys(names).length > 0, 'Name the category in at least one language'),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CreateKbCategoryRequest = z.input<typeof CreateKbCategoryRequest>;

export const UpdateKbCategoryRequest = z.strictObject({
  parentId: Id.nullable().optional(),
  names: KbNames.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateKbCategoryRequest = z.infer<typeof UpdateKbCategoryRequest>;

export const KbItemSummary = z.object({
  id: Id,
  groupId: Id,
  categoryId: Id.nullable(),
  kind: KbItemKind,
  language: Locale,
  visibility: KbVisibility,
  title: z.string(),
  version: z.number().int(),
  usageCount: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type KbItemSummary = z.infer<typeof KbItemSummary>;

export const KbItem = KbItemSummary.extend({
  /** Sanitised HTML: safe to render. */
  bodyHtml: z.string(),
  bodyText: z.string(),
  keywords: z.string(),
});
export type KbItem = z.infer<typeof KbItem>;

export const KbItemVersion = z.object({
  version: z.number().int(),
  title: z.string(),
  bodyHtml: z.string(),
  keywords: z.string(),
  visibility: KbVisibility,
  editorName: z.string(),
  createdAt: z.string(),
});
export type KbItemVersion = z.infer<typeof KbItemVersion>;

export const KbItemDetail = KbItem.extend({
  versions: z.array(KbItemVersion),
  /** The other languages this item exists in. */
  variants: z.array(z.object({ id: Id, language: Locale, title: z.string() })),
});
export type KbItemDetail = z.infer<typeof KbItemDetail>;

const Body = z.string().max(100_000);

export const CreateKbItemRequest = z.strictObject({
  kind: KbItemKind.default('answer'),
  language: Locale,
  visibility: KbVisibility.default('internal'),
  categoryId: Id.nullable().default(null),
  /** Makes this item a language variant of an existing one. */
  variantOf: Id.optional(),
  title: z.string().trim().min(1).max(300),
  /** HTML or plain text; sanitised on the server. */
  body: Body.refine((body) => body.trim().length > 0, 'Write the answer'),
  keywords: z.string().max(2_000).default(''),
});
export type CreateKbItemRequest = z.input<typeof CreateKbItemRequest>;

export const UpdateKbItemRequest = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  body: Body.optional(),
  keywords: z.string().max(2_000).optional(),
  visibility: KbVisibility.optional(),
  categoryId: Id.nullable().optional(),
  kind: KbItemKind.optional(),
  archived: z.boolean().optional(),
});
export type UpdateKbItemRequest = z.infer<typeof UpdateKbItemRequest>;

export const KbItemQuery = z.strictObject({
  q: z.string().trim().max(500).optional(),
  language: Locale.optional(),
  kind: KbItemKind.optional(),
  categoryId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type KbItemQuery = z.input<typeof KbItemQuery>;

export const KbTree = z.object({
  categories: z.array(KbCategory),
  items: z.array(KbItemSummary),
  languages: z.array(Locale),
});
export type KbTree = z.infer<typeof KbTree>;

export const KbSearchHit = KbItemSummary.extend({ bodyHtml: z.string(), bodyText: z.string(), score: z.number() });
export type KbSearchHit = z.infer<typeof KbSearchHit>;

/** An answer suggested for the customer's latest message, placeholders already filled. */
export const KbSuggestion = z.object({
  itemId: Id,
  kind: KbItemKind,
  title: z.string(),
  text: z.string(),
  language: Locale,
  score: z.number(),
});
export type KbSuggestion = z.infer<typeof KbSuggestion>;

export const KbSuggestions = z.object({
  /** The customer message the suggestions answer; null when the customer has not written. */
  messageId: Id.nullable(),
  language: Locale,
  suggestions: z.array(KbSuggestion),
});
export type KbSuggestions = z.infer<typeof KbSuggestions>;

export const SuggestionUse = z.object({ usageCount: z.number().int() });

export const ImportKbDocumentRequest = z.strictObject({
  filename: z.string().trim().min(1).max(255),
  /** The file, base64: .md, .markdown, .html, .htm, .txt or .docx. */
  contentBase64: z.string().max(14_000_000),
  language: Locale,
  visibility: KbVisibility.default('internal'),
  categoryId: Id.nullable().default(null),
  kind: KbItemKind.default('article'),
});
export type ImportKbDocumentRequest = z.input<typeof ImportKbDocumentRequest>;

export const SaveReplyAsAnswerRequest = z.strictObject({
  messageId: Id,
  title: z.string().trim().min(1).max(300),
  categoryId: Id.nullable().default(null),
  visibility: KbVisibility.default('internal'),
});
export type SaveReplyAsAnswerRequest = z.input<typeof SaveReplyAsAnswerRequest>;

export const HelpPage = z.object({
  clientName: z.string(),
  slug: z.string(),
  languages: z.array(Locale),
  defaultLanguage: Locale,
  categories: z.array(KbCategory),
});
export type HelpPage = z.infer<typeof HelpPage>;

export const HelpArticle = z.object({
  id: Id,
  categoryId: Id.nullable(),
  kind: KbItemKind,
  title: z.string(),
  bodyHtml: z.string(),
});
export type HelpArticle = z.infer<typeof HelpArticle>;

export const HelpSearchQuery = z.strictObject({
  q: z.string().trim().max(300).optional(),
  language: Locale.optional(),
});
