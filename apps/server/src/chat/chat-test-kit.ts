import type { ServerFrame } from '@switchboard/contracts';
import WebSocket from 'ws';
import type { Db } from '../db/index.js';
import { inboxes } from '../db/schema.js';

export const shopOrigin = 'https://shop.north.test';
export const identitySecret = 'north-identity-secret-0123456789abcdef';

/** A chat inbox for a client, allowing the shop's origin, with identity verification on. */
export async function addChatInbox(db: Db, clientId: string, key: string, settings: Record<string, unknown> = {}) {
  const [inbox] = await db
    .insert(inboxes)
    .values({
      clientId,
      name: 'Website chat',
      channel: 'chat',
      key,
      settings: {
        channel: 'chat',
        allowedOrigins: [shopOrigin],
        greeting: 'Hi there',
        color: '#1c7ed6',
        preChat: [],
        businessHours: null,
        locale: 'auto',
        identitySecret,
        ...settings,
      },
    })
    .returning();
  return inbox!;
}

type AnyFrame = ServerFrame & Record<string, unknown>;

/** A widget as the server sees it: a socket speaking the chat protocol, with every frame it received. */
export type WidgetClient = {
  socket: WebSocket;
  frames: AnyFrame[];
  send: (frame: unknown) => void;
  /** The first frame (received so far or later) after `from` that matches. */
  next: (match: (frame: AnyFrame) => boolean, options?: { from?: number; timeoutMs?: number }) => Promise<AnyFrame>;
  closed: Promise<{ code: number }>;
  close: () => Promise<void>;
};

/** `localAddress` (any 127.x.y.z) makes the widget come from another visitor's network. */
export async function openWidget(
  baseUrl: string,
  inboxKey: string,
  origin = shopOrigin,
  options: { localAddress?: string } = {},
): Promise<WidgetClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/widget/ws?inbox=${inboxKey}`, {
    origin,
    ...options,
  });
  const frames: AnyFrame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as AnyFrame);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next: WidgetClient['next'] = (match, options = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = frames.slice(options.from ?? 0).find(match);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`No matching frame; got ${JSON.stringify(frames.slice(-5))}`));
      }, options.timeoutMs ?? 10_000);
      if (!check()) waiters.add(check);
    });
  return {
    socket,
    frames,
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next,
    closed,
    close: async () => {
      if (socket.readyState === socket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
}
