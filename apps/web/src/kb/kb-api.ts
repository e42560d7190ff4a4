import {
  type CreateKbCategoryRequest,
  type CreateKbItemRequest,
  HelpArticle,
  HelpPage,
  type ImportKbDocumentRequest,
  KbCategory,
  KbItem,
  KbItemDetail,
  KbSearchHit,
  KbSuggestions,
  KbTree,
  type SaveReplyAsAnswerRequest,
  SuggestionUse,
  type UpdateKbItemRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api, apiVoid, toQueryString } from '../api/client';

export const kbKeys = {
  tree: (clientId: string) => ['kb-tree', clientId] as const,
  item: (clientId: string, itemId: string) => ['kb-item', clientId, itemId] as const,
  search: (clientId: string, q: string) => ['kb-search', clientId, q] as const,
  suggestions: (conversationId: string) => ['kb-suggestions', conversationId] as const,
  help: (slug: string) => ['help', slug] as const,
  helpArticles: (slug: string, language: string, q: string) => ['help-articles', slug, language, q] as const,
};

const base = (clientId: string) => `/clients/${clientId}/kb`;

export const getKbTree = (clientId: string, signal?: AbortSignal) => api(base(clientId), KbTree, { signal });

export const searchKb = (clientId: string, q: string, signal?: AbortSignal) =>
  api(`${base(clientId)}/search${toQueryString({ q })}`, z.array(KbSearchHit), { signal });

export const getKbItem = (clientId: string, itemId: string, signal?: AbortSignal) =>
  api(`${base(clientId)}/items/${itemId}`, KbItemDetail, { signal });

export const updateKbItem = (clientId: string, itemId: string, body: UpdateKbItemRequest) =>
  api(`${base(clientId)}/items/${itemId}`, KbItem, { method: 'PATCH', body });

export const createKbItem = (clientId: string, body: CreateKbItemRequest) =>
  api(`${base(clientId)}/items`, KbItem, { method: 'POST', body });

/** Deleting keeps the item's versions: it is archived, and leaves the tree, search and suggestions. */
export const deleteKbItem = (clientId: string, itemId: string) =>
  api(`${base(clientId)}/items/${itemId}`, KbItem, { method: 'PATCH', body: { archived: true } });

export const createKbCategory = (clientId: string, body: CreateKbCategoryRequest) =>
  api(`${base(clientId)}/categories`, KbCategory, { method: 'POST', body });

export const deleteKbCategory = (clientId: string, categoryId: string) =>
  apiVoid(`${base(clientId)}/categories/${categoryId}`, { method: 'DELETE' });

export const importKbDocument = (clientId: string, body: ImportKbDocumentRequest) =>
  api(`${base(clientId)}/import`, KbItem, { method: 'POST', body });

export const saveReplyAsAnswer = (clientId: string, body: SaveReplyAsAnswerRequest) =>
  api(`${base(clientId)}/from-reply`, KbItem, { method: 'POST', body });

export const getSuggestions = (conversationId: string, signal?: AbortSignal) =>
  api(`/conversations/${conversationId}/suggestions`, KbSuggestions, { signal });

export const recordSuggestionUse = (conversationId: string, itemId: string) =>
  api(`/conversations/${conversationId}/suggestions/${itemId}/use`, SuggestionUse, { method: 'POST', body: {} });

export const getHelpPage = (slug: string, signal?: AbortSignal) => api(`/help/${slug}`, HelpPage, { signal });

export const searchHelp = (slug: string, language: string, q: string, signal?: AbortSignal) =>
  api(`/help/${slug}/articles${toQueryString({ language, q })}`, z.array(HelpArticle), { signal });
