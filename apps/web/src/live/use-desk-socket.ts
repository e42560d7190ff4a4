import { DeskEvent } from '@switchboard/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/query-keys';
import { automationKeys } from '../automation/automation-api';
import { chatDetailKey } from '../chat/chat-api';
import { setVisitorTyping } from '../chat/visitor-typing-store';
import { escalationKeys } from '../escalation/escalation-api';
import { addOfferedCall } from '../phone/offered-calls';
import { phoneKeys } from '../phone/phone-api';

const minDelayMs = 1_000;
const maxDelayMs = 30_000;

/** Events say what changed; we refetch what is on screen, so a missed event costs freshness, never truth. */
const applyEvent = (queryClient: QueryClient, event: DeskEvent) => {
  // Routing's queue board listens too: any change to conversations or presence may move it.
  void queryClient.invalidateQueries({ queryKey: queryKeys.queueBoard });
  if (event.type === 'agent.presence') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.presence });
    return;
  }
  // Live chat's typing marks only light up the thread; read marks and escalations refresh its chat panel.
  if (event.type === 'chat.typing') {
    if (event.who === 'visitor') setVisitorTyping(event.conversationId, event.on, event.name);
    return;
  }
  if (event.type === 'chat.read' || event.type === 'chat.escalated') {
    void queryClient.invalidateQueries({ queryKey: chatDetailKey(event.conversationId) });
    return;
  }
  if (event.type === 'message.created') setVisitorTyping(event.conversationId, false, '');
  if (event.type === 'call.offered') addOfferedCall(queryClient, event.callId);
  if (event.type === 'call.offered' || event.type === 'call.updated') {
    void queryClient.invalidateQueries({
      queryKey: phoneKeys.all,
      predicate: (query) => query.queryKey[1] !== 'offered',
    });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
  if (event.type === 'queue.changed') void queryClient.invalidateQueries({ queryKey: ['conversation'] });
  else void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(event.conversationId) });
  // Client users address conversations by number, which events do not carry: refresh what is open.
  void queryClient.invalidateQueries({ queryKey: queryKeys.portalLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.portalConversations });
  // A customer's message may have run rules that notified this user.
  void queryClient.invalidateQueries({ queryKey: automationKeys.notifications });
  if (event.type.startsWith('escalation.')) void queryClient.invalidateQueries({ queryKey: escalationKeys.all });
};

/** Every desk event is also re-dispatched on `window` under this name, for features that react to it (SLA alerts). */
export const deskEventName = 'switchboard:desk-event';

const socketUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`;

/** One WebSocket per signed-in user, reconnected with jittered exponential backoff. */
export const useDeskSocket = (userId: string): void => {
  const queryClient = useQueryClient();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a different user means a different session cookie, so reconnect
  useEffect(() => {
    let socket: WebSocket | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const connect = () => {
      socket = new WebSocket(socketUrl());
      socket.addEventListener('open', () => {
        // Whatever happened while we were away is unknown: refresh it all once.
        if (attempt > 0) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
          void queryClient.invalidateQueries({ queryKey: ['conversation'] });
          void queryClient.invalidateQueries({ queryKey: queryKeys.portalLists });
          void queryClient.invalidateQueries({ queryKey: queryKeys.portalConversations });
        }
        attempt = 0;
      });
      socket.addEventListener('message', (message) => {
        if (typeof message.data !== 'string') return;
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = DeskEvent.safeParse(payload);
        if (!parsed.success) return;
        applyEvent(queryClient, parsed.data);
        window.dispatchEvent(new CustomEvent(deskEventName, { detail: parsed.data }));
      });
      socket.addEventListener('close', () => {
        if (stopped) return;
        const delay = Math.min(maxDelayMs, minDelayMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
        attempt += 1;
        retryTimer = setTimeout(connect, delay);
      });
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      socket?.close();
    };
  }, [queryClient, userId]);
};
