import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { intArg, parseArgs } from '../lib/args.js';
import { summarize } from '../lib/stats.js';

export const CHAT_USAGE = `npm run bench -- chat [--connections 2000] [--agents 50] [--messages 1000] [--rate 100] [--steps 500,1000,2000] [--postgres URL] [--workers]

Opens up to --connections widget sockets and --agents desk sockets on loopback to a Switchboard server in
its own process (PGlite in memory, or --postgres), then sends --messages each way at --rate per second:
customer → agent (widget send → the agent's desk socket hears message.created) and agent → customer
(the agent's HTTP reply → the widget hears the message). The same sends through a bare WebSocket echo
server with as many connections give the floor. --workers also runs the worker role of \`npm start\` (durable
jobs, routing passes after desk events, SLA timers) in the server process, sharing its database connection.
Bar: p99 ≤ 25 ms at 2,000 connections.`;

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startChild(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'server.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /ready (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return { url, child };
}

/** SIGTERM, and wait: the server prints its event-loop delay and writes its CPU profile on the way out. */
async function stopChild(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

type Frame = { t: string; [key: string]: unknown };

async function openSocket(url: string, options: WebSocket.ClientOptions, onMessage: (data: string) => void) {
  const socket = new WebSocket(url, options);
  socket.on('message', (data) => onMessage(data.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/v1/auth/csrf`);
  const { token } = (await csrf.json()) as { token: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrfCookie },
    body: JSON.stringify({ email, password: 'bench-password' }),
  });
  if (!login.ok) throw new Error(`sign-in failed ${login.status}`);
  const cookie = [csrfCookie, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  return `${cookie}\n${token}`;
}

/** Sends `count` items at `rate` per second, each through `send`, without waiting for answers. */
async function paced(count: number, rate: number, send: (i: number) => void) {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    send(i);
  }
}

const fmt = (s: ReturnType<typeof summarize>) =>
  `n=${s.n} p50=${s.p50.toFixed(2)} ms p95=${s.p95.toFixed(2)} ms p99=${s.p99.toFixed(2)} ms max=${s.max.toFixed(2)} ms`;

async function measureChat(
  base: string,
  connections: number,
  agents: number,
  messages: number,
  rate: number,
  measuring: () => void,
) {
  const wsBase = base.replace('http', 'ws');
  // Agents first: each on the desk socket, hearing every message.created of the client.
  const deskArrivals = Array.from({ length: agents }, () => new Map<string, number>());
  const sessions: { cookie: string; token: string }[] = [];
  for (let a = 0; a < agents; a++) {
    const [cookie, token] = (await signIn(base, `agent${a}@bench.test`)).split('\n') as [string, string];
    sessions.push({ cookie, token });
    await openSocket(`${wsBase}/api/v1/ws`, { headers: { cookie } }, (data) => {
      const event = JSON.parse(data) as { type: string; messageId?: string };
      if (event.type === 'message.created' && event.messageId) deskArrivals[a]!.set(event.messageId, performance.now());
    });
  }
  // Widgets: each says hello and one first message, so every visitor has a conversation.
  const widgets: { socket: WebSocket; conversationId: string | null; onFrame: (f: Frame) => void }[] = [];
  const acks = new Map<string, (frame: Frame) => void>();
  const replies = new Map<string, number>();
  for (let i = 0; i < connections; i++) {
    const widget = {
      socket: null as unknown as WebSocket,
      conversationId: null as string | null,
      onFrame: (_f: Frame) => {},
    };
    widget.socket = await openSocket(
      `${wsBase}/api/v1/widget/ws?inbox=bench-chat`,
      { origin: 'http://bench.test' },
      (data) => {
        const frame = JSON.parse(data) as Frame;
        if (frame.t === 'ack') acks.get(frame.key as string)?.(frame);
        if (frame.t === 'msg') {
          const m = frame.m as { from: string; body: string };
          if (m.from === 'agent' && !replies.has(m.body)) replies.set(m.body, performance.now());
        }
      },
    );
    widget.socket.send(JSON.stringify({ t: 'hello', locale: 'en', profile: { name: `Visitor ${i}` } }));
    widgets.push(widget);
  }
  // First messages, a few at a time, to open the conversations.
  const conversationOf = new Map<string, number>();
  for (let i = 0; i < connections; i += 20) {
    await Promise.all(
      widgets.slice(i, i + 20).map(
        (w, j) =>
          new Promise<void>((resolve) => {
            const key = `open-${i + j}-${randomUUID().slice(0, 8)}`;
            acks.set(key, (frame) => {
              conversationOf.set(frame.id as string, i + j);
              resolve();
            });
            w.socket.send(JSON.stringify({ t: 'msg', key, body: `hello from ${i + j}` }));
          }),
      ),
    );
  }
  // The conversation of each widget, from the agents' side.
  const firstAgent = sessions[0]!;
  let cursor: string | null = null;
  const conversationByVisitor = new Map<string, string>();
  do {
    const response = await fetch(
      `${base}/api/v1/conversations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        headers: { cookie: firstAgent.cookie },
      },
    );
    const page = (await response.json()) as {
      items: { id: string; contact: { name: string } }[];
      nextCursor: string | null;
    };
    for (const item of page.items) conversationByVisitor.set(item.contact.name, item.id);
    cursor = page.nextCursor;
  } while (cursor);
  widgets.forEach((w, i) => {
    w.conversationId = conversationByVisitor.get(`Visitor ${i}`) ?? null;
  });
  await sleep(1000);
  measuring();

  // Customer → agent.
  const sentAt = new Map<string, { at: number; agent: number }>();
  const customerToAgent: number[] = [];
  const pendingIds: { id: string; at: number; agent: number }[] = [];
  await paced(messages, rate, (n) => {
    const i = n % connections;
    const key = `bench-${n}-${randomUUID().slice(0, 8)}`;
    const at = performance.now();
    sentAt.set(key, { at, agent: i % agents });
    acks.set(key, (frame) => pendingIds.push({ id: frame.id as string, at, agent: i % agents }));
    widgets[i]!.socket.send(JSON.stringify({ t: 'msg', key, body: `customer message ${n}` }));
  });
  for (
    let waited = 0;
    waited < 30_000 &&
    pendingIds.filter((p) => !deskArrivals[p.agent]!.has(p.id)).length + (messages - pendingIds.length) > 0;
    waited += 250
  )
    await sleep(250);
  for (const { id, at, agent } of pendingIds) {
    const arrived = deskArrivals[agent]!.get(id);
    if (arrived !== undefined) customerToAgent.push(arrived - at);
  }

  // Agent → customer: the agent's reply over HTTP, until the widget shows it.
  const agentToCustomer: number[] = [];
  const failures: string[] = [];
  const postedAt = new Map<string, number>();
  await paced(messages, rate, (n) => {
    const i = n % connections;
    const conversationId = widgets[i]!.conversationId;
    if (!conversationId) return;
    const session = sessions[i % agents]!;
    const body = `agent reply ${n}`;
    postedAt.set(body, performance.now());
    fetch(`${base}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.token },
      body: JSON.stringify({ kind: 'reply', body }),
    }).then(
      (response) => {
        if (response.status !== 201) failures.push(`reply ${response.status}`);
      },
      (error: unknown) => failures.push(String(error)),
    );
  });
  for (let waited = 0; waited < 30_000 && [...postedAt.keys()].some((body) => !replies.has(body)); waited += 250)
    await sleep(250);
  for (const [body, at] of postedAt) {
    const arrived = replies.get(body);
    if (arrived !== undefined) agentToCustomer.push(arrived - at);
  }
  if (failures.length) console.log(`  ${failures.length} replies failed, e.g. ${failures[0]}`);
  const unmapped = widgets.filter((w) => !w.conversationId).length;
  if (unmapped) console.log(`  ${unmapped} widgets without a conversation on the desk`);
  for (const w of widgets) w.socket.terminate();
  return {
    customerToAgent: summarize(customerToAgent),
    agentToCustomer: summarize(agentToCustomer),
    lost: {
      customerToAgent: messages - customerToAgent.length,
      agentToCustomer: postedAt.size - agentToCustomer.length,
    },
  };
}

async function measureEcho(url: string, connections: number, messages: number, rate: number, measuring: () => void) {
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  const sockets: WebSocket[] = [];
  for (let i = 0; i < connections; i++) {
    sockets.push(
      await openSocket(url.replace('http', 'ws'), {}, (data) => {
        const at = sentAt.get(data);
        if (at !== undefined) samples.push(performance.now() - at);
      }),
    );
  }
  measuring();
  await paced(messages, rate, (n) => {
    const payload = JSON.stringify({ t: 'msg', key: `echo-${n}`, body: `customer message ${n}` });
    sentAt.set(payload, performance.now());
    sockets[n % connections]!.send(payload);
  });
  await sleep(2000);
  for (const s of sockets) s.terminate();
  return summarize(samples);
}

export async function runChat(argv: readonly string[]): Promise<void> {
  const { flags, values } = parseArgs(argv);
  if (flags.has('help')) {
    console.log(CHAT_USAGE);
    return;
  }
  const maxConnections = intArg(values, 'connections', 2000);
  const agents = intArg(values, 'agents', 50);
  const messages = intArg(values, 'messages', 1000);
  const rate = intArg(values, 'rate', 100);
  const steps = (values.get('steps') ?? `${Math.min(500, maxConnections)},${maxConnections}`)
    .split(',')
    .map(Number)
    .filter((n) => n > 0 && n <= maxConnections);
  const postgres = values.get('postgres');
  const workers = flags.has('workers');
  console.log('chat benchmark');
  console.log(
    `  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (shared with other work)`,
  );
  console.log(
    `  inputs: connections ${steps.join(' → ')}, agents ${agents}, ${messages} messages each way at ${rate}/s, database ${postgres ? 'PostgreSQL' : 'PGlite (in memory)'}${workers ? ', with the worker role (routing, SLA, jobs) in the server process' : ''}`,
  );
  for (const connections of steps) {
    const echo = await startChild({ ECHO: '1' });
    const echoFigures = await measureEcho(echo.url, connections, messages, rate, () => echo.child.kill('SIGUSR2'));
    await stopChild(echo.child);
    const server = await startChild({
      AGENTS: String(agents),
      DATABASE_URL: postgres ?? '',
      BENCH_WORKERS: workers ? '1' : '',
    });
    try {
      const chat = await measureChat(server.url, connections, agents, messages, rate, () =>
        server.child.kill('SIGUSR2'),
      );
      console.log(`\n${connections} widget connections, ${agents} agents:`);
      console.log(
        `  customer → agent : ${fmt(chat.customerToAgent)}${chat.lost.customerToAgent ? ` (${chat.lost.customerToAgent} not heard)` : ''}`,
      );
      console.log(
        `  agent → customer : ${fmt(chat.agentToCustomer)}${chat.lost.agentToCustomer ? ` (${chat.lost.agentToCustomer} not heard)` : ''}`,
      );
      console.log(`  bare ws echo     : ${fmt(echoFigures)}`);
      console.log(
        `  p99 bar (≤ 25 ms): customer → agent ${chat.customerToAgent.p99 <= 25 ? 'met' : 'missed'}, agent → customer ${chat.agentToCustomer.p99 <= 25 ? 'met' : 'missed'}`,
      );
    } finally {
      await stopChild(server.child);
    }
  }
}
