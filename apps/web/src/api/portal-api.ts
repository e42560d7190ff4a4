import { PortalConversationDetail, PortalConversationSummary, page } from '@switchboard/contracts';
import type { z } from 'zod';
import { api, toQueryString } from './client';

export type PortalFilters = { q?: string; channel?: string; status?: string };

const PortalPage = page(PortalConversationSummary);
export type PortalPage = z.infer<typeof PortalPage>;

export const listPortalConversations = (filters: PortalFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api(`/portal/conversations${toQueryString({ ...filters, cursor, limit: 50 })}`, PortalPage, { signal });

export const getPortalConversation = (number: number, signal?: AbortSignal) =>
  api(`/portal/conversations/${number}`, PortalConversationDetail, { signal });
