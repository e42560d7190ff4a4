import {
  HelpArticle,
  HelpPage,
  KbItem,
  KbItemDetail,
  KbSearchHit,
  KbSuggestions,
  KbTree,
  SuggestionUse,
  type UpdateKbItemRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api, toQueryString } from '../api/client';

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

export const getSuggestions = (conversationId: string, signal?: AbortSignal) =>
  api(`/conversations/${conversationId}/suggestions`, KbSuggestions, { signal });

export const recordSuggestionUse = (conversationId: string, itemId: string) =>
  api(`/conversations/${conversationId}/suggestions/${itemId}/use`, SuggestionUse, { method: 'POST', body: {} });

export const getHelpPage = (slug: string, signal?: AbortSignal) => api(`/help/${slug}`, HelpPage, { signal });

export const searchHelp = (slug: string, language: string, q: string, signal?: AbortSignal) =>
  api(`/help/${slug}/articles${toQueryString({ language, q })}`, z.array(HelpArticle), { signal });
