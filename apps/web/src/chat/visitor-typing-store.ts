import { useSyncExternalStore } from 'react';

/** Who is typing in which chat, as the desk socket hears it; a typing mark fades on its own. */
const typing = new Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

/** Visitors' typing expires if the "stopped" never comes (a closed tab, a lost connection). */
const fadeMs = 8_000;

export const setVisitorTyping = (conversationId: string, on: boolean, name: string): void => {
  clearTimeout(typing.get(conversationId)?.timer);
  if (on) {
    const timer = setTimeout(() => setVisitorTyping(conversationId, false, ''), fadeMs);
    typing.set(conversationId, { name, timer });
  } else {
    typing.delete(conversationId);
  }
  notify();
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** The visitor's name while they are typing in this chat; null otherwise. */
export const useVisitorTyping = (conversationId: string): string | null =>
  useSyncExternalStore(subscribe, () => typing.get(conversationId)?.name ?? null);
