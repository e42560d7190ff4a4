import {
  CaughtEmailList,
  CaughtEmailSource,
  EmailHtmlWithImages,
  EmailInboxSettings,
  type EmailInboxSettingsRequest,
  EmailOfMessage,
  EmailWebhookSecret,
  ImapMailboxStateList,
  UnmatchedBounceList,
} from '@switchboard/contracts';
import type { z } from 'zod';
import { api, apiText, apiVoid, toQueryString } from '../api/client';

const id = encodeURIComponent;
const apiBase = '/api/v1';

/** Links the server hands out are absolute (`/api/v1/…`); the fetch wrapper wants them relative to the API. */
const apiPath = (url: string) => (url.startsWith(apiBase) ? url.slice(apiBase.length) : url);

export const attachmentUrl = (attachmentId: string) => `${apiBase}/email/attachments/${id(attachmentId)}/content`;

export const getEmailOfMessage = (messageId: string, signal?: AbortSignal) =>
  api(`/email/messages/${id(messageId)}`, EmailOfMessage, { signal });

export const getHtmlWithImages = (messageId: string, signal?: AbortSignal) =>
  api(`/email/messages/${id(messageId)}/html-with-images`, EmailHtmlWithImages, { signal });

export const getRawSource = (rawUrl: string, signal?: AbortSignal) => apiText(apiPath(rawUrl), { signal });

export const listCaughtEmails = (limit: number, signal?: AbortSignal) =>
  api(`/mail-catcher${toQueryString({ limit })}`, CaughtEmailList, { signal });

export const listUnmatchedBounces = (cursor: string | undefined, signal?: AbortSignal) =>
  api(`/email/bounces${toQueryString({ cursor, limit: 50 })}`, UnmatchedBounceList, { signal });

export const listImapMailboxes = (signal?: AbortSignal) => api('/email/mailboxes', ImapMailboxStateList, { signal });

export const getEmailSettings = (clientId: string, inboxId: string, signal?: AbortSignal) =>
  api(`/clients/${id(clientId)}/inboxes/${id(inboxId)}/email-settings`, EmailInboxSettings, { signal });

export const getCaughtEmail = (caughtId: string, signal?: AbortSignal) =>
  api(`/mail-catcher/${id(caughtId)}`, CaughtEmailSource, { signal });

export const saveEmailSettings = (
  clientId: string,
  inboxId: string,
  body: z.input<typeof EmailInboxSettingsRequest>,
): Promise<void> => apiVoid(`/clients/${id(clientId)}/inboxes/${id(inboxId)}/email-settings`, { method: 'PUT', body });

/** A new signing secret for the inbound webhook, replacing any: the answer is the only time it is shown. */
export const generateWebhookSecret = (clientId: string, inboxId: string) =>
  api(`/clients/${id(clientId)}/inboxes/${id(inboxId)}/email-webhook-secret`, EmailWebhookSecret, {
    method: 'POST',
    body: {},
  });
