import {
  type ChatAvailability,
  type ChatErrorCode,
  type ChatMessage,
  type DeskEvent,
  maxChatMessageLength,
  type ServerFrame,
  type VisitorProfile,
  WidgetFrame,
} from '@switchboard/contracts';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import type { DeskEventPublisher, DeskEventSource } from '../realtime/index.js';
import { recallWritten } from '../realtime/index.js';
import {
  type ChatAllowanceLimits,
  type ChatAllowances,
  chatAllowances,
  defaultChatAllowances,
} from './chat-allowances.js';
import { type AgentAvailability, alwaysAvailable, withinBusinessHours } from './chat-availability.js';
import {
  type ChatInbox,
  claimChatAddress,
  findChatInboxByKey,
  findConversationStatus,
  findConversationVisitor,
  findVisitor,
  findVisitorMessage,
  listVisitorMessages,
  saveChatState,
  writtenChatMessage,
} from './chat-repository.js';
import { identifyVisitor, type Visitor } from './identify-visitor.js';
import { originAllowed } from './origin-allowed.js';
import { rateChat } from './rate-chat.js';
import { receiveChatMessage } from './receive-chat-message.js';
import { receiveOfflineMessage } from './receive-offline-message.js';
import { sendChatTranscript } from './send-chat-transcript.js';
import { tokenBucket } from './token-bucket.js';

export type ChatGatewayLimits = ChatAllowanceLimits & {
  /** Messages a visitor may send at once, and per second after that. */
  messageBurst: number;
  messagesPerSecond: number;
  /** Any frame at all (typing, read marks): keeps a misbehaving script from spinning the server. */
  frameBurst: number;
  framesPerSecond: number;
  heartbeatMs: number;
  /** How often open widgets' availability is checked again without an event (business hours begin and end). */
  availabilityRecheckMs: number;
};

export const defaultChatLimits: ChatGatewayLimits = {
  ...defaultChatAllowances,
  messageBurst: 20,
  messagesPerSecond: 1,
  frameBurst: 60,
  framesPerSecond: 10,
  heartbeatMs: 25_000,
  availabilityRecheckMs: 60_000,
};

export type ChatGatewayOptions = {
  db: Db;
  events: DeskEventPublisher & DeskEventSource;
  reactions: Reactions;
  /** Live chat or the message form: routing's presence and the client's calendar (the inbox's hours first). */
  availability?: AgentAvailability;
  limits?: Partial<ChatGatewayLimits>;
  /** New visitors, chats and transcripts counted (shared with the widget's file uploads). */
  allowances?: ChatAllowances;
};

type WidgetSession = {
  socket: WebSocket;
  /** The visitor's network, for the limits on new visitors, new chats and transcripts. */
  ip: string;
  inbox: ChatInbox;
  visitor: Visitor | null;
  profile: VisitorProfile;
  locale: 'en' | 'fa';
  page: { url: string; title: string } | null;
  conversationId: string | null;
  /** What this widget was last told it may offer (after `hello`). */
  availability: ChatAvailability | null;
};

const send = (socket: WebSocket, frame: ServerFrame) => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
};
const refuse = (socket: WebSocket, code: ChatErrorCode, message: string, key?: string) =>
  send(socket, { t: 'error', code, message, ...(key ? { key } : {}) });

/**
 * The widgets' live channel: `/api/v1/widget/ws?inbox=KEY`. A socket is bound to one inbox (its
 * origin must be allowed) and, after `hello`, to one visitor. A visitor's message is committed
 * before its `ack`; replies, typing and read marks arrive through the event bus, so a visitor on
 * one server process hears an agent on another. Bad frames, floods and oversized messages get an
 * `error` frame and the socket stays open; dead peers are dropped by ping/pong heartbeats.
 */
export async function chatGateway(app: FastifyInstance, options: ChatGatewayOptions) {
  const { db, events, reactions } = options;
  const limits = { ...defaultChatLimits, ...options.limits };
  // main.ts passes presenceAvailability(db), the product's answer; tests that are not about it chat freely.
  const availability = options.availability ?? alwaysAvailable;
  const allowances = options.allowances ?? chatAllowances(limits);
  /** Open widget sockets by the conversation they show. */
  const rooms = new Map<string, Set<WidgetSession>>();

  const join = (session: WidgetSession, conversationId: string | null) => {
    if (session.conversationId === conversationId) return;
    leave(session);
    session.conversationId = conversationId;
    if (!conversationId) return;
    const room = rooms.get(conversationId) ?? new Set();
    rooms.set(conversationId, room);
    room.add(session);
  };
  const leave = (session: WidgetSession) => {
    if (!session.conversationId) return;
    const room = rooms.get(session.conversationId);
    room?.delete(session);
    if (room?.size === 0) rooms.delete(session.conversationId);
  };

  /** Open widget sockets by visitor (`inboxId|sourceId`), to join a chat the visitor opened elsewhere. */
  const visitors = new Map<string, Set<WidgetSession>>();
  const visitorKey = (session: WidgetSession) => `${session.inbox.id}|${session.visitor?.sourceId}`;
  const track = (session: WidgetSession, on: boolean) => {
    if (!session.visitor) return;
    const key = visitorKey(session);
    const set = visitors.get(key) ?? new Set();
    if (on) set.add(session);
    else set.delete(session);
    if (set.size) visitors.set(key, set);
    else visitors.delete(key);
  };
  /**
   * Visitor messages this process has just committed, by id, until their own `message.created` has gone
   * out: the frame is built from what was written instead of read back once per message.
   */
  const justReceived = new Map<string, ChatMessage>();
  /** Joins in progress, so a chat's first message waits until its sockets are in the room. */
  const joining = new Map<string, Promise<void>>();

  /** Welcomed widget sockets by client: told live when the client's availability changes. */
  const byClient = new Map<string, Set<WidgetSession>>();
  const watch = (session: WidgetSession, on: boolean) => {
    const { clientId } = session.inbox;
    const set = byClient.get(clientId) ?? new Set();
    if (on) set.add(session);
    else set.delete(session);
    if (set.size) byClient.set(clientId, set);
    else byClient.delete(clientId);
  };
  const availabilityOf = (inbox: ChatInbox): Promise<ChatAvailability> =>
    withinBusinessHours(inbox.settings, new Date())
      ? availability({ clientId: inbox.clientId, inboxId: inbox.id, inboxHours: Boolean(inbox.settings.businessHours) })
      : Promise.resolve('offline');
  /** Clients whose availability is to be checked again shortly: one check for a burst of events. */
  const rechecks = new Map<string, ReturnType<typeof setTimeout>>();
  const recheckSoon = (clientId: string) => {
    if (!byClient.has(clientId) || rechecks.has(clientId)) return;
    rechecks.set(
      clientId,
      setTimeout(() => {
        rechecks.delete(clientId);
        recheck(clientId).catch((error: unknown) => app.log.error({ err: error }, 'chat availability'));
      }, 250),
    );
  };
  async function recheck(clientId: string) {
    const sessions = [...(byClient.get(clientId) ?? [])];
    // One answer per inbox (they may keep different hours), then a frame to each widget it changed for.
    const answers = new Map<string, Promise<ChatAvailability>>();
    for (const session of sessions) {
      if (!answers.has(session.inbox.id)) answers.set(session.inbox.id, availabilityOf(session.inbox));
    }
    for (const session of sessions) {
      const now = await answers.get(session.inbox.id)!;
      if (session.availability === now) continue;
      session.availability = now;
      send(session.socket, { t: 'availability', availability: now });
    }
  }
  // Business hours open and close without an event.
  const hourly = setInterval(() => {
    for (const clientId of byClient.keys()) recheckSoon(clientId);
  }, limits.availabilityRecheckMs);
  hourly.unref();

  const unsubscribe = events.subscribe((event) => {
    // Who can take a chat changes with presence, assignments and chats that end or wait on the customer;
    // a customer's message (status open) changes no agent's load.
    if (
      event.type === 'agent.presence' ||
      event.type === 'queue.changed' ||
      (event.type === 'conversation.updated' && event.status !== 'open')
    )
      recheckSoon(event.clientId);
    return deliver(event).catch((error) => app.log.error({ err: error }, 'chat fan-out'));
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    clearInterval(hourly);
    for (const timer of rechecks.values()) clearTimeout(timer);
  });

  async function deliver(event: DeskEvent) {
    if (event.type === 'conversation.created' && visitors.size > 0) {
      // A chat opened by a file upload or another tab: the visitor's open sockets join it.
      const joined = joinVisitors(event.clientId, event.conversationId);
      joining.set(event.conversationId, joined);
      await joined.finally(() => joining.delete(event.conversationId));
      return;
    }
    // Queue-wide and presence events concern no single chat.
    if (!('conversationId' in event)) return;
    await joining.get(event.conversationId);
    const room = rooms.get(event.conversationId);
    if (!room?.size) return;
    let frame: ServerFrame | null = null;
    switch (event.type) {
      case 'message.created': {
        if (event.internal) return;
        const known = justReceived.get(event.messageId);
        if (known) {
          frame = { t: 'msg', m: known };
          break;
        }
        const written = recallWritten(event.clientId, event.messageId);
        if (written) {
          if (written.conversationId !== event.conversationId) return;
          const message = writtenChatMessage(written);
          if (!message) return;
          frame = { t: 'msg', m: message };
          break;
        }
        const found = await findVisitorMessage(db, event.clientId, event.messageId);
        if (!found) return;
        const { conversationId: _conversationId, ...message } = found;
        frame = { t: 'msg', m: message };
        break;
      }
      case 'chat.typing':
        if (event.who === 'agent') frame = { t: 'typing', on: event.on, name: event.name };
        break;
      case 'chat.read':
        if (event.who === 'agent') frame = { t: 'read', at: event.at };
        break;
      case 'chat.escalated':
        frame = { t: 'escalated' };
        break;
      case 'conversation.updated': {
        const status = event.status ?? (await findConversationStatus(db, event.clientId, event.conversationId));
        if (status === 'resolved') frame = { t: 'ended' };
        break;
      }
    }
    if (!frame) return;
    const json = JSON.stringify(frame);
    for (const session of rooms.get(event.conversationId) ?? []) {
      if (session.inbox.clientId === event.clientId && session.socket.readyState === session.socket.OPEN)
        session.socket.send(json);
    }
  }

  async function joinVisitors(clientId: string, conversationId: string) {
    const visitor = await findConversationVisitor(db, clientId, conversationId);
    if (!visitor) return;
    for (const session of visitors.get(`${visitor.inboxId}|${visitor.sourceId}`) ?? []) {
      if (session.inbox.clientId === clientId) join(session, conversationId);
    }
  }

  app.get(
    '/widget/ws',
    { config: { access: 'public' }, websocket: true, schema: { hide: true } },
    (socket, request) => {
      const log = request.log;
      const key = new URL(request.url, 'http://widget').searchParams.get('inbox') ?? '';
      const messages = tokenBucket(limits.messageBurst, limits.messagesPerSecond);
      const frames = tokenBucket(limits.frameBurst, limits.framesPerSecond);
      let session: WidgetSession | null = null;
      let alive = true;
      // Frames are handled one at a time, in order: acknowledgements leave in the order messages came.
      let queue: Promise<unknown> = (async () => {
        const inbox = key ? await findChatInboxByKey(db, key) : undefined;
        if (!inbox) {
          refuse(socket, 'bad_frame', 'Unknown chat inbox.');
          return socket.close(4404, 'unknown inbox');
        }
        if (!originAllowed(inbox.settings.allowedOrigins, request.headers.origin, request.headers.host)) {
          refuse(socket, 'identity_refused', 'This website may not use this chat.');
          return socket.close(4403, 'origin not allowed');
        }
        session = {
          socket,
          ip: request.ip,
          inbox,
          visitor: null,
          profile: {},
          locale: 'en',
          page: null,
          conversationId: null,
          availability: null,
        };
      })();

      socket.on('message', (data, isBinary) => {
        if (!frames.take()) return refuse(socket, 'rate_limited', 'Too many frames; slow down.');
        let frame: WidgetFrame;
        try {
          const parsed = WidgetFrame.safeParse(isBinary ? null : JSON.parse(data.toString()));
          if (!parsed.success) return refuse(socket, 'bad_frame', 'That frame is not part of the chat protocol.');
          frame = parsed.data;
        } catch {
          return refuse(socket, 'bad_frame', 'Frames are JSON text.');
        }
        if (frame.t === 'msg') {
          const body = frame.body.trim();
          if (body.length === 0) return refuse(socket, 'bad_frame', 'An empty message.', frame.key);
          if ([...body].length > maxChatMessageLength)
            return refuse(socket, 'too_long', `Messages are at most ${maxChatMessageLength} characters.`, frame.key);
          if (!messages.take())
            return refuse(socket, 'rate_limited', 'Too many messages; wait a moment and send again.', frame.key);
        }
        queue = queue
          .then(() => (session ? handle(session, frame, log) : undefined))
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'RATE_LIMITED')
              return refuse(socket, 'rate_limited', error.message, 'key' in frame ? frame.key : undefined);
            log.error({ err: error }, 'chat frame failed');
            refuse(
              socket,
              'internal',
              'Something went wrong; please send that again.',
              'key' in frame ? frame.key : undefined,
            );
          });
      });

      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, limits.heartbeatMs);
      socket.on('pong', () => {
        alive = true;
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        if (session) {
          leave(session);
          track(session, false);
          watch(session, false);
        }
      });
    },
  );

  async function handle(session: WidgetSession, frame: WidgetFrame, log: FastifyBaseLogger): Promise<void> {
    const { socket, inbox } = session;
    if (frame.t === 'hello') return hello(session, frame);
    const visitor = session.visitor;
    if (!visitor) return refuse(socket, 'not_ready', 'Say hello first.');
    switch (frame.t) {
      case 'msg': {
        const received = await receiveChatMessage(
          db,
          { events, reactions },
          {
            inbox,
            visitor,
            profile: session.profile,
            locale: session.locale,
            page: session.conversationId ? null : session.page,
            key: frame.key,
            body: frame.body.trim(),
            mayOpenChat: () => allowances.newChat(session.ip, inbox.id),
          },
        );
        // Committed: the visitor hears "ack" first, then the desk and the visitor's other tabs hear of it.
        send(socket, { t: 'ack', key: frame.key, id: received.message.id, at: received.message.at });
        join(session, received.conversationId);
        const id = received.message.id;
        justReceived.set(id, received.message);
        try {
          return await received.announce();
        } finally {
          // The bus hands the event over synchronously; the gateway's own delivery reads it a tick later.
          setImmediate(() => justReceived.delete(id));
        }
      }
      case 'typing':
        if (!session.conversationId) return;
        return events.publish({
          type: 'chat.typing',
          clientId: inbox.clientId,
          conversationId: session.conversationId,
          who: 'visitor',
          on: frame.on,
          name: (session.profile.name ?? '').slice(0, 120),
        });
      case 'read': {
        if (!session.conversationId) return;
        const at = new Date();
        await saveChatState(db, inbox.clientId, session.conversationId, { visitorReadAt: at });
        return events.publish({
          type: 'chat.read',
          clientId: inbox.clientId,
          conversationId: session.conversationId,
          who: 'visitor',
          at: at.toISOString(),
        });
      }
      case 'page':
        session.page = frame.page;
        if (!session.conversationId) return;
        await saveChatState(db, inbox.clientId, session.conversationId, {
          pageUrl: frame.page.url,
          pageTitle: frame.page.title,
        });
        return events.publish({
          type: 'conversation.updated',
          clientId: inbox.clientId,
          conversationId: session.conversationId,
        });
      case 'profile':
        session.profile = { ...session.profile, ...frame.profile };
        // An address given after the chat began (to be answered by e-mail) is its claim, if it has none yet.
        if (session.conversationId && frame.profile.email)
          await claimChatAddress(db, inbox.clientId, session.conversationId, frame.profile.email.toLowerCase());
        return;
      case 'transcript':
        try {
          await sendChatTranscript(db, {
            inbox,
            visitor,
            to: frame.email,
            locale: session.locale,
            allowed: (to) => allowances.transcript(visitor.sourceId, to, session.ip),
          });
        } catch (error) {
          log.warn({ err: error }, 'chat transcript refused');
          if (error instanceof AppError && error.code === 'RATE_LIMITED')
            return refuse(socket, 'rate_limited', error.message);
          return refuse(
            socket,
            'no_email',
            error instanceof AppError ? error.message : 'The transcript could not be sent.',
          );
        }
        return send(socket, { t: 'done', what: 'transcript' });
      case 'rate':
        if (!session.conversationId) return refuse(socket, 'not_ready', 'There is no chat to rate yet.');
        await rateChat(db, events, {
          clientId: inbox.clientId,
          conversationId: session.conversationId,
          score: frame.score,
          comment: frame.comment,
        });
        return send(socket, { t: 'done', what: 'rate' });
      case 'offline':
        // A message left offline opens a conversation too (L6).
        if (!allowances.newChat(session.ip, inbox.id))
          return refuse(socket, 'rate_limited', 'Too many new chats from here; please wait a minute.', frame.key);
        await receiveOfflineMessage(
          db,
          { events, reactions },
          {
            inbox,
            visitorSourceId: visitor.sourceId,
            key: frame.key,
            name: frame.name,
            email: frame.email,
            body: frame.body,
            locale: session.locale,
          },
        );
        return send(socket, { t: 'done', what: 'offline', key: frame.key });
    }
  }

  async function hello(session: WidgetSession, frame: Extract<WidgetFrame, { t: 'hello' }>): Promise<void> {
    const { socket, inbox } = session;
    const { visitor, refused } = identifyVisitor(inbox.settings, frame);
    if (refused) refuse(socket, 'identity_refused', 'The identity signature did not match; chatting as a guest.');
    track(session, false);
    session.visitor = visitor;
    track(session, true);
    session.locale = frame.locale ?? session.locale;
    session.page = frame.page ?? session.page;
    const known = await findVisitor(db, inbox.clientId, inbox.id, visitor.sourceId);
    // A visitor the chat has not seen (no token, or one nobody chatted with) counts against the limits (L6).
    if (!known && !allowances.newVisitor(session.ip, inbox.id)) {
      track(session, false);
      session.visitor = null;
      refuse(socket, 'rate_limited', 'Too many new chats from here; please try again in a minute.');
      socket.close(4429, 'too many new visitors');
      return;
    }
    // A verified user is their customer record; a guest is shown only what its own chat was given, since a
    // guest linked to a customer before (by a typed address, data from before migration 0022) is not them.
    const own = visitor.verifiedUserId || (known && !known.email && !known.phone);
    const email = own ? (known?.email ?? known?.claimedEmail) : known?.claimedEmail;
    session.profile = {
      ...(own && known?.name && !known.name.startsWith('Visitor ') && !known.name.startsWith('بازدیدکننده')
        ? { name: known.name }
        : {}),
      ...(email ? { email } : {}),
      ...(own && known?.phone ? { phone: known.phone } : {}),
      ...frame.profile,
    };
    const history = known ? await listVisitorMessages(db, inbox.clientId, inbox.id, visitor.sourceId) : [];
    const offer = await availabilityOf(inbox);
    session.availability = offer;
    if (socket.readyState === socket.OPEN) watch(session, true);
    const { settings } = inbox;
    send(socket, {
      t: 'welcome',
      visitor: visitor.token,
      verified: Boolean(visitor.verifiedUserId),
      config: {
        clientName: inbox.clientName,
        color: settings.color,
        greeting: settings.greeting,
        locale: settings.locale,
        preChat: settings.preChat,
      },
      online: offer !== 'offline',
      availability: offer,
      messages: history,
      agentReadAt: null,
      ended: known?.status === 'resolved',
      profile: session.profile,
    });
    join(session, known?.conversationId ?? null);
    if (known?.conversationId && session.page && known.status !== 'resolved') {
      await saveChatState(
        db,
        inbox.clientId,
        known.conversationId,
        session.page ? { pageUrl: session.page.url, pageTitle: session.page.title } : {},
      );
    }
  }
}
