import { request as http, type Page } from '@playwright/test';
import { allowChatOrigin, apiAs, serveHostPage, setPresence } from './chat-support';
import { expect, test } from './csp';
import { screenshot, signIn, unique } from './support';

const hostPort = Number(process.env.E2E_PORT ?? 3100) + 51;

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { pwned?: number }).pwned);

test('a visitor on the client’s own site chats live with an agent on the desk, and keeps the history', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  const server = baseURL!;
  const hostOrigin = `http://127.0.0.1:${hostPort}`;
  const inboxKey = await allowChatOrigin(request, server, 'Acme Outdoor', hostOrigin);
  // Live chat is offered while an agent of the client is online: this agent is (whatever ran before).
  await setPresence(request, server, ['agent1@demo.test'], 'online');
  const host = await serveHostPage(hostPort, server, inboxKey);
  try {
    // The agent watches the desk, narrowed to this test's chat by a word only it contains.
    const tag = `trailboots${Date.now().toString(36)}`;
    await signIn(page, 'agent1@demo.test');
    await page.goto(`/desk?status=any&q=${tag}`);
    await expect(page.getByTestId('conversation-row')).toHaveCount(0);

    // The visitor, on the client's site (another origin), opens the chat.
    const visitor = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await visitor.goto(host.url);
    await visitor.getByTestId('sb-launcher').click();
    const prechat = visitor.getByTestId('sb-prechat');
    await expect(prechat).toBeVisible();
    await screenshot(visitor, 'chat-widget-prechat-en');
    const hostileName = `<img src=x onerror="window.pwned=1">Dana ${unique('v')}`;
    await prechat.getByLabel(/Name/).fill(hostileName);
    await prechat.getByRole('button', { name: 'Start chat' }).click();
    const question = `Do the <b>Trail</b> boots (${tag}) come in 44? <script>window.pwned=2</script> 👢🏽`;
    await visitor.getByTestId('sb-input').fill(question);
    await visitor.getByTestId('sb-send').click();
    const mine = visitor.getByTestId('sb-message').filter({ hasText: question });
    await expect(mine).toBeVisible();
    await expect(mine.getByTestId('sb-meta')).toContainText('Delivered');

    // The agent sees the new chat arrive live in the unified inbox (no reload) and opens it.
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Dana' }).first();
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByTestId('message-incoming').filter({ hasText: question })).toBeVisible();
    await expect(page.getByTestId('chat-page')).toContainText('Trail boots');
    // The visitor's "read" mark follows the agent opening the chat.
    await expect(mine.getByTestId('sb-meta')).toContainText('Read');

    // The visitor types; the agent sees it. The agent types; the visitor sees it.
    await visitor.getByTestId('sb-input').fill('and what about');
    await expect(page.getByTestId('visitor-typing')).toBeVisible();
    const answer = `Yes, 44 is in stock — <i>ships today</i> ${unique('a')}`;
    await page.getByTestId('reply-body').fill(answer);
    await expect(visitor.getByTestId('sb-typing')).toBeVisible();
    await page.getByTestId('send-message').click();
    await expect(visitor.getByTestId('sb-message').filter({ hasText: answer })).toBeVisible();
    await screenshot(visitor, 'chat-widget-conversation-en');
    await screenshot(page, 'chat-desk-conversation-en');

    // Markup from either side stayed text.
    await expect(page.getByTestId('message-incoming').filter({ hasText: '<script>' })).toBeVisible();
    expect(await pwned(page)).toBeUndefined();
    expect(await pwned(visitor)).toBeUndefined();

    // A reload keeps the visitor and their history.
    await visitor.reload();
    await visitor.getByTestId('sb-launcher').click();
    await expect(visitor.getByTestId('sb-message').filter({ hasText: question })).toHaveCount(1);
    await expect(visitor.getByTestId('sb-message').filter({ hasText: answer })).toHaveCount(1);
    expect(await pwned(visitor)).toBeUndefined();
    await visitor.context().close();
  } finally {
    await host.close();
  }
});

test('a Persian page gets the widget right-to-left in Persian', async ({ browser, baseURL, request }) => {
  const server = baseURL!;
  const port = hostPort + 1;
  const inboxKey = await allowChatOrigin(request, server, 'Golestan', `http://127.0.0.1:${port}`);
  await setPresence(request, server, ['agent1@demo.test'], 'online');
  const host = await serveHostPage(port, server, inboxKey, { lang: 'fa' });
  try {
    const visitor = await (await browser.newContext({ locale: 'fa-IR' })).newPage();
    await visitor.goto(host.url);
    await visitor.getByTestId('sb-launcher').click();
    await expect(visitor.getByTestId('sb-panel')).toBeVisible();
    await expect(visitor.locator('switchboard-chat .root')).toHaveAttribute('dir', 'rtl');
    const prechat = visitor.getByTestId('sb-prechat');
    await prechat.getByLabel(/نام/).fill('مریم');
    await prechat.getByRole('button', { name: 'شروع گفت‌وگو' }).click();
    await visitor.getByTestId('sb-input').fill('سلام، گل رز دارید؟ 🌹');
    await visitor.getByTestId('sb-send').click();
    await expect(visitor.getByTestId('sb-message').filter({ hasText: 'گل رز' }).getByTestId('sb-meta')).toContainText(
      'رسید',
    );
    await screenshot(visitor, 'chat-widget-conversation-fa');
    await visitor.context().close();
  } finally {
    await host.close();
  }
});

test('nobody of the client online: the widget offers the message form; an agent going online turns it into the chat live', async ({
  browser,
  baseURL,
  request,
}) => {
  const server = baseURL!;
  for (const [client, agents, locale, port] of [
    ['Acme Outdoor', ['agent1@demo.test', 'agent2@demo.test'], 'en', hostPort + 5],
    ['Golestan', ['agent1@demo.test', 'agent3@demo.test'], 'fa', hostPort + 6],
  ] as const) {
    const inboxKey = await allowChatOrigin(request, server, client, `http://127.0.0.1:${port}`);
    await setPresence(request, server, [...agents], 'offline');
    const host = await serveHostPage(port, server, inboxKey, { lang: locale });
    try {
      const visitor = await (await browser.newContext({ locale: locale === 'fa' ? 'fa-IR' : 'en-US' })).newPage();
      await visitor.goto(host.url);
      await visitor.getByTestId('sb-launcher').click();
      const form = visitor.getByTestId('sb-offline');
      await expect(form).toBeVisible();
      await expect(form).toContainText(
        locale === 'fa' ? 'پیام بگذارید تا با ایمیل پاسخ دهیم' : 'Leave a message and we will answer by e-mail',
      );
      await expect(visitor.getByTestId('sb-prechat')).toHaveCount(0);
      await screenshot(visitor, `chat-widget-offline-${locale}`);

      // An agent of the client switches to online: the open widget follows without a reload.
      await setPresence(request, server, [agents[0]], 'online');
      await expect(visitor.getByTestId('sb-prechat')).toBeVisible();
      await expect(form).toHaveCount(0);
      await screenshot(visitor, `chat-widget-online-${locale}`);
      await visitor.context().close();
    } finally {
      await host.close();
    }
  }
});

test('every agent of the client at their chat capacity: the widget takes the chat into the queue and says so', async ({
  browser,
  baseURL,
  request,
}) => {
  const server = baseURL!;
  const port = hostPort + 7;
  const inboxKey = await allowChatOrigin(request, server, 'Acme Outdoor', `http://127.0.0.1:${port}`);
  await setPresence(request, server, ['agent2@demo.test'], 'offline');
  await setPresence(request, server, ['agent1@demo.test'], 'online');
  // Two callers of their own: one request context holds one session.
  const agent = await apiAs(await http.newContext(), server, 'agent1@demo.test');
  const admin = await apiAs(await http.newContext(), server, 'admin@demo.test');
  const openChats = async () =>
    (await agent.get<{ items: unknown[] }>('/conversations?assignee=me&channel=chat&status=open&limit=100')).items
      .length;
  const me = (await admin.get<{ id: string; email: string; capacity: Record<string, number> }[]>('/agency-users')).find(
    (u) => u.email === 'agent1@demo.test',
  )!;
  const host = await serveHostPage(port, server, inboxKey);
  const startChat = async (name: string) => {
    const visitor = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await visitor.goto(host.url);
    await visitor.getByTestId('sb-launcher').click();
    const prechat = visitor.getByTestId('sb-prechat');
    await prechat.getByLabel(/Name/).fill(name);
    await prechat.getByRole('button', { name: 'Start chat' }).click();
    return visitor;
  };
  try {
    // The agent has a chat open (one more if none yet), and exactly that many chat places: full.
    if ((await openChats()) === 0) {
      const first = await startChat(unique('First'));
      await first.getByTestId('sb-input').fill('Is anyone there?');
      await first.getByTestId('sb-send').click();
      await expect.poll(openChats, { timeout: 30_000 }).toBeGreaterThan(0);
    }
    const full = await admin.patch(`/agency-users/${me.id}`, { capacity: { ...me.capacity, chat: await openChats() } });
    expect(full.ok(), await full.text()).toBe(true);

    const visitor = await startChat(unique('Queued'));
    const busy = visitor.getByTestId('sb-busy');
    await expect(busy).toHaveText('All our agents are busy right now. Write to us and you will join the queue.');
    await expect(visitor.getByTestId('sb-offline')).toHaveCount(0);
    await visitor.getByTestId('sb-input').fill('I can wait for a size 44.');
    await visitor.getByTestId('sb-send').click();
    await expect(visitor.getByTestId('sb-message').filter({ hasText: 'size 44' }).getByTestId('sb-meta')).toContainText(
      'Delivered',
    );
    await expect(busy).toContainText('you’re in the queue');
    await screenshot(visitor, 'chat-widget-queued-en');
  } finally {
    await admin.patch(`/agency-users/${me.id}`, { capacity: me.capacity });
    await host.close();
  }
});
