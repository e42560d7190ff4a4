import type { AddressInfo } from 'node:net';
import os from 'node:os';
import twilio from 'twilio';
import WebSocket from 'ws';
import { hashPassword } from '../../apps/server/src/auth/password.js';
import { agencyUsers, agentClients } from '../../apps/server/src/db/schema.js';
import { type PhoneKit, publicUrl, startPhoneKit, twilioSid } from '../../apps/server/src/phone/phone-test-kit.js';
import { signIn } from '../../apps/server/test/app.js';
import { intArg, parseArgs } from '../lib/args.js';
import { summarize } from '../lib/stats.js';

export const VOICE_USAGE = `npm run bench -- voice [options]

The phone's webhooks in the real server (buildApp on a loopback port; PGlite, or PostgreSQL when
TEST_DATABASE_URL is set), signed with Twilio's algorithm and checked by the twilio package.

  --calls N         calls for the event-rate run; each is 3 events: voice, agent-leg answered,
                    status completed (default 300)
  --concurrency C   parallel webhook requests in the event-rate run (default 16)
  --pops P          concurrent inbound calls for the screen-pop run (default 200)`;

const now = () => performance.now();

export async function runVoice(argv: readonly string[]): Promise<void> {
  const { flags, values } = parseArgs(argv);
  if (flags.has('help')) return console.log(VOICE_USAGE);
  const calls = intArg(values, 'calls', 300);
  const concurrency = intArg(values, 'concurrency', 16);
  const pops = intArg(values, 'pops', 200);
  const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  const k = await startPhoneKit();
  await k.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(k.app.server.address() as AddressInfo).port}`;
  try {
    // Agents enough to take every concurrent call: 5 phone slots each, a desk socket each.
    const agentCount = Math.ceil(pops / 5);
    const passwordHash = await hashPassword('bench-password-1');
    const agents = await k.database.db
      .insert(agencyUsers)
      .values(
        Array.from({ length: agentCount }, (_, i) => ({
          email: `bench.agent${i}@agency.test`,
          name: `Bench Agent ${i}`,
          passwordHash,
          capacity: { email: 5, chat: 1, phone: 5 },
          // Calls are offered to agents who are online (routing's presence) with phone room.
          presence: 'online' as const,
        })),
      )
      .returning();
    await k.database.db
      .insert(agentClients)
      .values(agents.map((agent) => ({ clientId: k.agency.north.id, agentId: agent.id })));
    const offered = new Map<string, number>();
    const callIdBySid = new Map<string, string>();
    const sockets: WebSocket[] = [];
    for (const agent of agents) {
      const session = await signIn(k.app, agent.email, 'bench-password-1');
      const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/ws`, { headers: { cookie: session.cookie } });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string; callId?: string };
        if (event.type === 'call.offered' && event.callId) offered.set(event.callId, now());
      });
      sockets.push(socket);
    }

    const post = async (route: string, params: Record<string, string>, query?: Record<string, string>) => {
      const path = `/api/v1/phone/twilio/${route}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
      const form = { AccountSid: k.north.accountSid, ApiVersion: '2010-04-01', ...params };
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(k.north.authToken, `${publicUrl}${path}`, form),
        },
        body: new URLSearchParams(form).toString(),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${route}: ${response.status} ${text}`);
      return text;
    };
    const callIdOf = (twiml: string) => twiml.match(/callId=([0-9a-f-]{36})/)?.[1] ?? '';

    // 1. Screen-pop: `pops` inbound calls at once; time from sending the webhook to the offer on the agent's socket.
    const sent = new Map<string, number>();
    await Promise.all(
      Array.from({ length: pops }, async (_, i) => {
        const sid = twilioSid('CA');
        const start = now();
        const twiml = await post('voice', {
          CallSid: sid,
          From: `+1555100${String(i).padStart(4, '0')}`,
          To: k.north.number,
          CallStatus: 'ringing',
        });
        const callId = callIdOf(twiml);
        sent.set(callId, start);
        callIdBySid.set(sid, callId);
      }),
    );
    for (let wait = 0; wait < 100 && offered.size < pops; wait++) await new Promise((r) => setTimeout(r, 100));
    const popMs = [...sent].flatMap(([callId, start]) => (offered.has(callId) ? [offered.get(callId)! - start] : []));
    const pop = summarize(popMs);
    // End the screen-pop calls so the event-rate run starts with free agents.
    await Promise.all(
      [...callIdBySid].map(([sid]) =>
        post('status', { CallSid: sid, CallStatus: 'completed', CallDuration: '1', SequenceNumber: '9' }),
      ),
    );

    // 2. Event rate: calls × (voice, agent-leg answered, status completed), `concurrency` at a time.
    const tasks = Array.from({ length: calls }, (_, i) => i);
    let events = 0;
    const eventMs: number[] = [];
    const timed = async (work: () => Promise<unknown>) => {
      const start = now();
      await work();
      eventMs.push(now() - start);
      events += 1;
    };
    const started = now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = tasks.shift(); i !== undefined; i = tasks.shift()) {
          const sid = twilioSid('CA');
          let callId = '';
          await timed(async () => {
            callId = callIdOf(
              await post('voice', {
                CallSid: sid,
                From: `+1555200${String(i).padStart(4, '0')}`,
                To: k.north.number,
                CallStatus: 'ringing',
              }),
            );
          });
          await timed(() =>
            post(
              'agent-leg',
              { CallSid: twilioSid('CA'), CallStatus: 'in-progress', To: 'client:someone', SequenceNumber: '1' },
              { callId },
            ),
          );
          await timed(() =>
            post('status', { CallSid: sid, CallStatus: 'completed', CallDuration: '30', SequenceNumber: '2' }),
          );
        }
      }),
    );
    const seconds = (now() - started) / 1000;
    const latency = summarize(eventMs);
    const [load1, load5] = os.loadavg();
    const round = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
    console.log(
      `voice benchmark — engine ${engine}, ${os.cpus().length} cores, load average ${load1!.toFixed(1)} / ${load5!.toFixed(1)} (other work shares this machine)`,
    );
    console.log(
      `inputs: --calls ${calls} --concurrency ${concurrency} --pops ${pops}; ${agentCount} agents × 5 phone slots, one desk socket each`,
    );
    console.log(
      `event rate: ${events} signed webhook events in ${seconds.toFixed(1)} s = ${(events / seconds).toFixed(0)} events/s; per event p50 ${round(latency.p50)} ms, p99 ${round(latency.p99)} ms`,
    );
    console.log(
      `screen-pop (webhook sent → call.offered on the agent's socket), ${pops} concurrent calls: ${pop.n}/${pops} offered; p50 ${round(pop.p50)} ms, p99 ${round(pop.p99)} ms, max ${round(pop.max)} ms`,
    );
    for (const socket of sockets) socket.close();
  } finally {
    await k.stop();
  }
}

export type { PhoneKit };
