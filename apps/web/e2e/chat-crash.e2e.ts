import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { allowChatOrigin, apiAs, serveHostPage, setPresence } from './chat-support';
import { expect, test } from './csp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const base = Number(process.env.E2E_PORT ?? 3100);
const serverPort = base + 53;
const hostPort = base + 54;
const serverUrl = `http://localhost:${serverPort}`;

/** A Switchboard server of this test's own, so the test may kill it with SIGKILL. Always PGlite, in dataDir. */
const startServer = async (dataDir: string): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(serverPort),
      DATA_DIR: dataDir,
      SMTP_PORT: 'off',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ready = await fetch(`${serverUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('server did not start');
};

const kill = async (child: ChildProcess) => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
};

const bubble = (page: Page, text: string) => page.getByTestId('sb-message').filter({ hasText: text });

test('kill -9 mid-conversation: every message either side saw as sent is there exactly once on both sides', async ({
  browser,
  request,
}) => {
  test.setTimeout(600_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-chat-crash-'));
  let server = await startServer(dataDir);
  const hostOrigin = `http://127.0.0.1:${hostPort}`;
  const inboxKey = await allowChatOrigin(request, serverUrl, 'Acme Outdoor', hostOrigin);
  await setPresence(request, serverUrl, ['agent1@demo.test'], 'online');
  const host = await serveHostPage(hostPort, serverUrl, inboxKey);
  const tag = `crashcase${Date.now().toString(36)}`;
  try {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(host.url);
    await visitor.getByTestId('sb-launcher').click();
    const prechat = visitor.getByTestId('sb-prechat');
    await prechat.getByLabel(/Name/).fill('Crash Visitor');
    await prechat.getByRole('button', { name: 'Start chat' }).click();

    const visitorSent: string[] = [];
    const send = async (text: string) => {
      await visitor.getByTestId('sb-input').fill(text);
      await visitor.getByTestId('sb-send').click();
      visitorSent.push(text);
      await expect(bubble(visitor, text)).toBeVisible();
    };
    await send(`${tag} first question`);
    await expect(bubble(visitor, `${tag} first question`).getByTestId('sb-meta')).toContainText(/Delivered|Read/);

    // The agent works through the API: a 201 is "the agent saw it sent".
    let agent = await apiAs(request, serverUrl, 'agent1@demo.test');
    const list = await agent.get<{ items: { id: string }[] }>(`/conversations?channel=chat&q=${tag}`);
    const conversationId = list.items[0]!.id;
    const agentSent: string[] = [];
    const reply = async (text: string) => {
      const response = await agent.post(`/conversations/${conversationId}/messages`, { kind: 'reply', body: text });
      if (response.status() === 201) agentSent.push(text);
      return response.status();
    };
    expect(await reply(`${tag} first answer`)).toBe(201);
    await expect(bubble(visitor, `${tag} first answer`)).toBeVisible();

    // The server dies mid-sentence: one message may or may not have been committed, none acknowledged yet.
    await visitor.getByTestId('sb-input').fill(`${tag} sent as the server died`);
    await visitor.getByTestId('sb-send').click();
    visitorSent.push(`${tag} sent as the server died`);
    await kill(server);
    await expect(visitor.getByTestId('sb-status')).toBeVisible();
    await send(`${tag} typed while the server was down`);
    await expect(bubble(visitor, `${tag} typed while the server was down`).getByTestId('sb-meta')).toContainText(
      'Sending',
    );

    server = await startServer(dataDir);
    // The widget reconnects on its own and resends what was not acknowledged.
    for (const text of visitorSent) {
      await expect(bubble(visitor, text).getByTestId('sb-meta')).toContainText(/Delivered|Read/, { timeout: 60_000 });
    }
    agent = await apiAs(request, serverUrl, 'agent1@demo.test');
    expect(await reply(`${tag} answer after the restart`)).toBe(201);
    await expect(bubble(visitor, `${tag} answer after the restart`)).toBeVisible();

    // A second kill, this time right after a burst of messages.
    const burst = [1, 2, 3].map((n) => `${tag} burst ${n}`);
    for (const text of burst) await send(text);
    await kill(server);
    server = await startServer(dataDir);
    for (const text of burst) {
      await expect(bubble(visitor, text).getByTestId('sb-meta')).toContainText(/Delivered|Read/, { timeout: 60_000 });
    }

    // Exactly once on the desk's side...
    agent = await apiAs(request, serverUrl, 'agent1@demo.test');
    const thread = await agent.get<{ messages: { kind: string; bodyText: string }[] }>(
      `/conversations/${conversationId}`,
    );
    const stored = thread.messages.filter((m) => m.kind === 'incoming' || m.kind === 'outgoing').map((m) => m.bodyText);
    for (const text of [...visitorSent, ...agentSent])
      expect(
        stored.filter((body) => body === text),
        text,
      ).toHaveLength(1);
    // ...and on the visitor's, after a reload too.
    await visitor.reload();
    await visitor.getByTestId('sb-launcher').click();
    for (const text of [...visitorSent, ...agentSent]) await expect(bubble(visitor, text), text).toHaveCount(1);
    await visitor.context().close();
  } finally {
    await host.close();
    if (server.exitCode === null) await kill(server);
  }
});
