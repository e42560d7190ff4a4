import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { expect } from './csp';

/** A new signing secret for a client's e-mail inbox, as the settings form makes it (the answer shows it once). */
export const generateWebhookSecret = async (page: Page, clientId: string, inboxId: string): Promise<string> => {
  const { token } = (await (await page.request.get('/api/v1/auth/csrf')).json()) as { token: string };
  const made = await page.request.post(`/api/v1/clients/${clientId}/inboxes/${inboxId}/email-webhook-secret`, {
    headers: { 'x-csrf-token': token },
    data: {},
  });
  expect(made.status(), await made.text()).toBe(201);
  return ((await made.json()) as { secret: string }).secret;
};

/** Pushes raw MIME to the inbound webhook as a provider would: signed the Standard Webhooks way. */
export const pushSignedMail = async (
  request: APIRequestContext,
  inboxKey: string,
  secret: string,
  raw: string | Buffer,
) => {
  const body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  const response = await request.post(`/api/v1/inbound/email/${inboxKey}`, {
    headers: {
      'content-type': 'message/rfc822',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()) as { outcome: string; conversationId: string | null };
};
