import type { Page } from '@playwright/test';
import { expect, test } from './csp';
import { newSignedInPage, screenshot, unique } from './support';

type Summary = { id: string; number: number; subject: string; flags: string[]; contact: { email: string | null } };

/** An open Acme e-mail conversation with a customer address and no escalation yet. */
const pickConversation = async (agent: Page): Promise<Summary> => {
  const clients = (await (await agent.request.get('/api/v1/clients')).json()) as { id: string; name: string }[];
  const acme = clients.find((client) => client.name === 'Acme Outdoor');
  if (!acme) throw new Error('no demo client Acme Outdoor');
  const list = (await (
    await agent.request.get(`/api/v1/conversations?clientId=${acme.id}&channel=email&status=open&limit=50`)
  ).json()) as { items: Summary[] };
  const conversation = list.items.find(
    (c) => c.contact.email && !c.flags.includes('awaiting-client') && !c.flags.includes('client-answered'),
  );
  if (!conversation) throw new Error('no open Acme e-mail conversation to escalate');
  return conversation;
};

const caughtRow = (admin: Page, to: string, text: string) =>
  admin.getByTestId('caught-email-row').filter({ hasText: to }).filter({ hasText: text });

const waitInMailCatcher = async (admin: Page, to: string, text: string) => {
  await admin.goto('/admin/mail-catcher');
  await expect(async () => {
    await admin.getByTestId('mail-catcher-refresh').click();
    await expect(caughtRow(admin, to, text).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
};

test('agent escalates → client e-mailed and sees it in the portal → answers → agent relays → customer receives it', async ({
  browser,
}) => {
  // Five people's screens and the mail outbox in one story: longer than the default on a loaded machine.
  test.setTimeout(360_000);
  const stamp = unique('esc');
  const question = `May we refund this order after 40 days? (${stamp})`;
  const answer = `Yes — refund it in full as a goodwill gesture. (${stamp})`;

  // The agent escalates from the conversation pane, with the keyboard.
  const agent = await newSignedInPage(browser, 'agent1@demo.test');
  const conversation = await pickConversation(agent);
  await agent.goto(`/desk/${conversation.id}`);
  // A loaded machine may take a while to render the whole desk after a full page load.
  await expect(agent.getByTestId('conversation-subject')).toHaveText(conversation.subject, { timeout: 60_000 });
  const panel = agent.getByTestId('escalation-panel');
  await expect(panel.getByTestId('escalate-button')).toBeVisible();
  await agent.getByTestId('conversation-subject').click();
  await agent.keyboard.press('x');
  const form = agent.getByTestId('escalate-form');
  await expect(form).toBeVisible();
  await expect(form.getByTestId('escalate-question')).toBeFocused();
  await form.getByTestId('escalate-question').fill(question);
  await expect(form.getByTestId('escalate-notice')).toHaveValue(/update within 24 hours/);
  // A help article, picked with the keyboard.
  await form.getByTestId('escalate-articles').fill('return');
  await agent.keyboard.press('ArrowDown');
  await agent.keyboard.press('Enter');
  await agent.keyboard.press('Escape');
  await expect(form).toBeVisible();
  await screenshot(agent, 'escalation-desk-dialog');
  await form.getByTestId('escalate-question').press('Control+Enter');
  await expect(form).toBeHidden();
  const card = panel.getByTestId('escalation-card').filter({ hasText: stamp });
  await expect(card).toHaveAttribute('data-state', 'open');
  await expect(card.getByTestId('escalation-due')).toBeVisible();
  // The question and the customer notice are on the timeline.
  await expect(agent.getByTestId('message-note').filter({ hasText: question })).toBeVisible();
  await expect(
    agent
      .getByTestId('message-outgoing')
      .filter({ hasText: 'update within 24 hours' })
      .filter({ hasText: '/help/acme?' }),
  ).toBeVisible();
  await screenshot(agent, 'escalation-desk-open');

  // The client's users are e-mailed (demo: the mail catcher), and so is the customer.
  const admin = await newSignedInPage(browser, 'admin@demo.test');
  await waitInMailCatcher(admin, 'owner@acme.demo.test', `Acme #${conversation.number}`);
  await caughtRow(admin, 'owner@acme.demo.test', `Acme #${conversation.number}`).first().click();
  await expect(admin.getByTestId('caught-email').getByTestId('raw-source')).toContainText('/portal/escalations/');
  await admin.keyboard.press('Escape');
  await waitInMailCatcher(admin, conversation.contact.email!, `Acme #${conversation.number}`);

  // The client sees it in the portal and answers.
  const client = await newSignedInPage(browser, 'owner@acme.demo.test');
  await client.getByTestId('nav-escalations').click();
  const row = client.getByTestId('portal-escalation-row').filter({ hasText: stamp });
  await expect(row).toHaveAttribute('data-state', 'open');
  // The header marks the page the client is on, and only that one (not also the portal's history).
  await expect(client.getByTestId('nav-escalations')).toHaveAttribute('aria-current', 'page');
  await expect(client.getByTestId('nav-portal')).not.toHaveAttribute('aria-current', 'page');
  await expect(
    client.getByTestId('portal-escalation-row').filter({ has: client.getByText('Overdue') }),
  ).not.toHaveCount(0);
  await screenshot(client, 'escalation-portal-list-en');
  await row.getByTestId('portal-escalation-link').click();
  await expect(client.getByTestId('portal-escalation-question')).toHaveText(question);
  await client.getByTestId('portal-answer').fill(answer);
  await screenshot(client, 'escalation-portal-answer-en');
  await client.getByTestId('portal-answer-submit').click();
  await expect(client.getByTestId('portal-escalation-answer')).toContainText(answer);
  await screenshot(client, 'escalation-portal-answered-en');

  // The agent sees the answer arrive live, edits it and relays it with one action.
  await expect(card).toHaveAttribute('data-state', 'answered');
  await expect(card.getByTestId('escalation-answer')).toContainText(answer);
  await expect(agent.getByTestId('message-note').filter({ hasText: answer })).toBeVisible();
  await card.getByTestId('relay-button').click();
  await expect(card.getByTestId('relay-text')).toHaveValue(answer);
  await card.getByTestId('relay-text').fill(`Good news: ${answer}`);
  await screenshot(agent, 'escalation-desk-relay');
  await card.getByTestId('relay-send').click();
  await expect(card).toHaveAttribute('data-state', 'relayed');
  await expect(agent.getByTestId('message-outgoing').filter({ hasText: `Good news: ${answer}` })).toBeVisible();

  // The customer receives it.
  await waitInMailCatcher(admin, conversation.contact.email!, `Acme #${conversation.number}`);
  await expect(async () => {
    const caught = (await (await admin.request.get('/api/v1/mail-catcher?limit=100')).json()) as {
      items: { id: string; to: string }[];
    };
    const toCustomer = caught.items.filter((item) => item.to === conversation.contact.email);
    const sources = await Promise.all(
      toCustomer.map(async (item) => {
        const source = (await (await admin.request.get(`/api/v1/mail-catcher/${item.id}`)).json()) as { raw: string };
        return source.raw;
      }),
    );
    expect(sources.some((raw) => raw.includes('Good news:'))).toBe(true);
  }).toPass({ timeout: 60_000 });
  await expect(client.getByTestId('portal-escalation-answer')).toContainText('passed on to the customer');
});

const setLocale = (page: Page, locale: 'en' | 'fa') =>
  page.evaluate(async (value) => {
    const csrf = (await (await fetch('/api/v1/auth/csrf')).json()) as { token: string };
    await fetch('/api/v1/auth/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.token },
      body: JSON.stringify({ locale: value }),
    });
  }, locale);

test('documents chosen in the escalate dialog reach the customer as attachments of the notice e-mail', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const stamp = unique('doc');
  // A real PDF file (one empty page), and a second file the agent removes again before sending.
  const pdf = Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%${stamp}\n%%EOF\n`,
  );
  const agent = await newSignedInPage(browser, 'agent1@demo.test');
  const conversation = await pickConversation(agent);
  await agent.goto(`/desk/${conversation.id}`);
  await expect(agent.getByTestId('conversation-subject')).toHaveText(conversation.subject, { timeout: 60_000 });
  await agent.getByTestId('escalation-panel').getByTestId('escalate-button').click();
  const form = agent.getByTestId('escalate-form');
  await form.getByTestId('escalate-question').fill(`Can we send the return form? (${stamp})`);
  const documents = form.getByTestId('escalate-documents');
  await expect(documents).toContainText('10 MB');
  await documents.locator('input[type="file"]').setInputFiles([
    { name: 'return-form.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'draft-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not for the customer') },
  ]);
  await expect(documents.getByTestId('escalate-document')).toHaveCount(2);
  await expect(documents.getByTestId('escalate-document-ready')).toHaveCount(2);
  // Removed with the keyboard.
  await documents
    .getByTestId('escalate-document')
    .filter({ hasText: 'draft-notes.txt' })
    .getByTestId('escalate-document-remove')
    .focus();
  await agent.keyboard.press('Enter');
  await expect(documents.getByTestId('escalate-document')).toHaveCount(1);
  await expect(documents.getByTestId('escalate-document')).toContainText('return-form.pdf');
  await screenshot(agent, 'escalation-documents-en');
  await form.getByTestId('escalate-submit').click();
  await expect(form).toBeHidden();

  // The customer's e-mail (the mail catcher's raw source) carries the PDF, byte for byte, and nothing else.
  const admin = await newSignedInPage(browser, 'admin@demo.test');
  const firstLine = pdf.toString('base64').slice(0, 60);
  await expect(async () => {
    const caught = (await (await admin.request.get('/api/v1/mail-catcher?limit=100')).json()) as {
      items: { id: string; to: string }[];
    };
    const sources = await Promise.all(
      caught.items
        .filter((item) => item.to === conversation.contact.email)
        .map(
          async (item) =>
            ((await (await admin.request.get(`/api/v1/mail-catcher/${item.id}`)).json()) as { raw: string }).raw,
        ),
    );
    const notice = sources.find((raw) => raw.includes('return-form.pdf'));
    expect(notice).toBeDefined();
    expect(notice).toContain(firstLine);
    expect(notice).toMatch(/Content-Type: application\/pdf/i);
    expect(notice).not.toContain('draft-notes.txt');
  }).toPass({ timeout: 60_000 });

  // The same dialog in Persian, right to left.
  await setLocale(agent, 'fa');
  try {
    await agent.reload();
    await expect(agent.locator('html')).toHaveAttribute('dir', 'rtl');
    await agent.getByTestId('escalation-panel').getByTestId('escalate-button').click();
    const persianForm = agent.getByTestId('escalate-form');
    const picker = persianForm.getByTestId('escalate-documents');
    await expect(picker).toContainText('مگابایت');
    await expect(picker).toContainText('۱۰');
    await picker
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'راهنمای-مرجوعی.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    await expect(picker.getByTestId('escalate-document-ready')).toHaveText('بارگذاری شد');
    await screenshot(agent, 'escalation-documents-fa');
    await agent.keyboard.press('Escape');
  } finally {
    await setLocale(agent, 'en');
  }
});

test('the admin sets auto-relay and the customer notice per language; the Persian portal lists questions', async ({
  browser,
}) => {
  const admin = await newSignedInPage(browser, 'admin@demo.test');
  const clients = (await (await admin.request.get('/api/v1/clients')).json()) as { id: string; name: string }[];
  const golestan = clients.find((client) => client.name === 'Golestan');
  if (!golestan) throw new Error('no demo client Golestan');
  await admin.goto(`/admin/clients/${golestan.id}`);
  await admin.getByTestId('tab-escalation').click();
  await expect(admin.getByTestId('escalation-template-fa')).toHaveValue(/۲۴|{{hours}}/);
  await admin.getByTestId('escalation-template-fa').fill('{{customer}} عزیز، پاسخ گلستان ظرف {{hours}} ساعت می‌رسد.');
  await admin.getByTestId('escalation-auto-relay').click();
  await screenshot(admin, 'escalation-admin-settings');
  await admin.getByTestId('escalation-settings-save').click();
  await admin.reload();
  await expect(admin.getByTestId('escalation-template-fa')).toHaveValue(
    '{{customer}} عزیز، پاسخ گلستان ظرف {{hours}} ساعت می‌رسد.',
  );
  await expect(admin.getByTestId('escalation-auto-relay')).toBeChecked();

  const client = await newSignedInPage(browser, 'owner@golestan.demo.test');
  await client.goto('/portal/escalations');
  await expect.poll(() => client.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await expect(client.getByTestId('portal-escalation-row')).toHaveCount(3);
  await expect(client.getByTestId('escalation-state').first()).toHaveText('دیرکرد');
  await screenshot(client, 'escalation-portal-list-fa');
  await client.getByTestId('escalation-filter').getByText('پاسخ‌داده‌شده').click();
  await expect(client.getByTestId('portal-escalation-row')).toHaveCount(1);
  await client.getByTestId('escalation-filter').getByText('همه').click();
  await client
    .getByTestId('portal-escalation-row')
    .filter({ hasText: 'شیراز' })
    .getByTestId('portal-escalation-link')
    .click();
  await expect(client.getByTestId('portal-answer')).toBeVisible();
  await screenshot(client, 'escalation-portal-answer-fa');
  await client.getByTestId('nav-escalations').click();
  await client
    .getByTestId('portal-escalation-row')
    .filter({ hasText: 'تخفیف' })
    .getByTestId('portal-escalation-link')
    .click();
  await expect(client.getByTestId('portal-escalation-answer')).toContainText('۱۰٪');
  await screenshot(client, 'escalation-portal-answered-fa');
});

test('a help link sent with an escalation opens the help page on that article', async ({ page }) => {
  await page.goto('/help/acme?lang=en&q=How%20do%20I%20return%20an%20item%3F');
  await expect(page.getByTestId('help-search')).toHaveValue('How do I return an item?');
  await expect(page.getByTestId('help-article').first()).toContainText('return');
});
