import type { DeskEvent } from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth/access.js';
import { canReadClient, type Scope } from '../platform/scope.js';
import type { DeskEventSource } from './desk-events.js';

const HEARTBEAT_MS = 30_000;

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
 * The desk's live channel: `/api/v1/ws`, authenticated by the session cookie when the upgrade
 * arrives. It only pushes; the desk refetches what an event names, so a missed event costs a stale
 * row, never a wrong one. Dead peers are dropped by ping/pong heartbeats.
 */
/**
 * Told when an agency user's desk socket opens; the returned function is called when it closes.
 * Routing uses it to keep the agent's presence honest (offline once their last desk has gone).
 */
export type DeskSocketWatcher = (agencyUserId: string) => () => void;

export async function deskGateway(
  app: FastifyInstance,
  { events, watchSocket }: { events: DeskEventSource; watchSocket?: DeskSocketWatcher },
) {
  app.get('/ws', { config: { access: 'signed-in' }, websocket: true, schema: { hide: true } }, (socket, request) => {
    const { scope } = principalOf(request);
    const unwatch = scope.kind === 'agency' ? watchSocket?.(scope.userId) : undefined;
    let alive = true;
    const unsubscribe = events.subscribe((event) => {
      if (socket.readyState === socket.OPEN && mayReceive(scope, event)) socket.send(deskEventFrame(event));
    });
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
      unsubscribe();
      unwatch?.();
    });
  });
}
