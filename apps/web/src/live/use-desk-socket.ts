import { DeskEvent } from '@switchboard/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/query-keys';
import { addOfferedCall } from '../phone/offered-calls';
import { phoneKeys } from '../phone/phone-api';

const minDelayMs = 1_000;
const maxDelayMs = 30_000;

/** Events say what changed; we refetch what is on screen, so a missed event costs freshness, never truth. */
const applyEvent = (queryClient: QueryClient, event: DeskEvent) => {
  if (event.type === 'call.offered') addOfferedCall(queryClient, event.callId);
  if (event.type === 'call.offered' || event.type === 'call.updated') {
    void queryClient.invalidateQueries({
      queryKey: phoneKeys.all,
      predicate: (query) => query.queryKey[1] !== 'offered',
    });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(event.conversationId) });
  // Client users address conversations by number, which events do not carry: refresh what is open.
  void queryClient.invalidateQueries({ queryKey: queryKeys.portalLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.portalConversations });
};

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
        if (parsed.success) applyEvent(queryClient, parsed.data);
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
