import type { DeskEvent } from '@switchboard/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/index.js';
import { principalFromApiToken, principalFromSession, principalOf, SESSION_COOKIE } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import { canReadClient, type Scope } from '../platform/scope.js';
import type { DeskAccess } from './desk-access.js';
import type { DeskEventSource } from './desk-events.js';

const HEARTBEAT_MS = 30_000;
/** How stale a socket's scope may grow when no change reached this process (another node's sign-out, say). */
const RECHECK_MS = 15_000;
/** Events held while a socket re-checks its principal (one statement); past this the desk refetches anyway. */
const MAX_HELD_EVENTS = 1_000;

/**
 * Only events about a client the socket's owner may read; never internal notes or SLA alerts to client
 * users; notifications to their recipient only.
 */
export function mayReceive(scope: Scope, event: DeskEvent): boolean {
  // Who of the agency is online is the agency's business, not its clients'.
  if (event.type === 'agent.presence' && scope.kind !== 'agency') return false;
  if (!canReadClient(scope, event.clientId)) return false;
  if (event.type === 'notification.created') return scope.kind === 'agency' && scope.userId === event.recipientId;
  if (scope.kind === 'client' && (event.type === 'sla.warning' || event.type === 'sla.breach')) return false;
  // Typing and read marks are for the agents at work, not the client's portal.
  if (event.type.startsWith('chat.')) return scope.kind === 'agency';
  if (event.type === 'call.offered') return scope.kind === 'agency' && scope.userId === event.agentId;
  return !(scope.kind === 'client' && event.type === 'message.created' && event.internal);
}

/** One event reaches every desk socket as the same object (see deskEventsOn): its JSON is made once. */
const frames = new WeakMap<DeskEvent, string>();
export function deskEventFrame(event: DeskEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = JSON.stringify(event);
    frames.set(event, frame);
  }
  return frame;
}

/**
 * Told when an agency user's desk socket opens; the returned function is called when it closes.
 * Routing uses it to keep the agent's presence honest (offline once their last desk has gone).
 */
export type DeskSocketWatcher = (agencyUserId: string) => () => void;

export type DeskGatewayOptions = {
  db: Db;
  events: DeskEventSource;
  watchSocket?: DeskSocketWatcher;
  access: DeskAccess;
  /** Where the desk is served (PUBLIC_URL): a browser may open the socket from there or from this host. */
  publicUrl: string;
  recheckMs?: number;
};

/**
 * A browser always names the page that opens a WebSocket, and sends the desk's cookie whatever that page is:
 * only the desk's own pages may use it. Integrations (an API token, no browser) send no Origin.
 */
function deskOriginAllowed(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const asked = new URL(origin);
    return asked.host === request.headers.host || asked.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

/** The principal behind the socket's own credential, as it stands now; null once it no longer signs anyone in. */
function principalNowOf(db: Db, request: FastifyRequest): () => Promise<Principal | null> {
  const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const session = request.cookies[SESSION_COOKIE];
  if (bearer) return () => principalFromApiToken(db, bearer);
  return session ? () => principalFromSession(db, session) : async () => null;
}

/**
 * The desk's live channel: `/api/v1/ws`, authenticated by the session cookie (or an API token) when the
 * upgrade arrives, from the desk's own origin only. It only pushes; the desk refetches what an event names,
 * so a missed event costs a stale row, never a wrong one. The socket's scope follows its principal: it is
 * resolved again when this process hears of a change to that person (sign-out, deactivation, clients served)
 * and every `recheckMs` regardless, and events wait while it is; a principal gone (signed out, deactivated,
 * token revoked) closes the socket with 4401. Dead peers are dropped by ping/pong heartbeats.
 */
export async function deskGateway(app: FastifyInstance, options: DeskGatewayOptions) {
  const { db, events, watchSocket, access, publicUrl } = options;
  const recheckMs = options.recheckMs ?? RECHECK_MS;
  app.get(
    '/ws',
    {
      config: { access: 'signed-in' },
      websocket: true,
      schema: { hide: true },
      preValidation: async (request) => {
        if (!deskOriginAllowed(request, publicUrl))
          throw new AppError('DESK_ORIGIN_NOT_ALLOWED', 'This page may not open the desk.');
      },
    },
    (socket, request) => {
      let { scope } = principalOf(request);
      const principalNow = principalNowOf(db, request);
      const unwatch = scope.kind === 'agency' ? watchSocket?.(scope.userId) : undefined;
      let alive = true;
      // Non-null while the principal is being resolved again: events wait here and meet the new scope.
      let held: DeskEvent[] | null = null;
      let changedMeanwhile = false;
      const forward = (event: DeskEvent) => {
        if (socket.readyState === socket.OPEN && mayReceive(scope, event)) socket.send(deskEventFrame(event));
      };
      const recheck = async () => {
        if (held) {
          changedMeanwhile = true;
          return;
        }
        held = [];
        try {
          // A change announced while we read may have committed after our read began: read once more.
          do {
            changedMeanwhile = false;
            const principal = await principalNow();
            if (!principal) return socket.close(4401, 'signed out');
            scope = principal.scope;
          } while (changedMeanwhile);
        } catch (error) {
          request.log.error({ err: error }, 'desk socket re-check');
          return socket.close(1011, 'try again');
        }
        const waiting = held;
        held = null;
        for (const event of waiting) forward(event);
      };
      const leave = access.join(scope.userId, () => void recheck());
      const unsubscribe = events.subscribe((event) => {
        if (!held) forward(event);
        else if (held.length < MAX_HELD_EVENTS) held.push(event);
      });
      const recheckTimer = setInterval(() => void recheck(), recheckMs);
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);
      socket.on('pong', () => {
        alive = true;
      });
      // The desk never needs to send; anything it does send is ignored rather than trusted.
      socket.on('message', () => {});
      socket.on('close', () => {
        clearInterval(heartbeat);
        clearInterval(recheckTimer);
        leave();
        unsubscribe();
        unwatch?.();
      });
    },
  );
}
