import { useEffect, useRef } from 'react';
import { sendAgentTyping } from './chat-api';

const resendMs = 3_000;
const idleMs = 4_000;

/**
 * Tells the widget while the agent types a reply in a chat: "on" at most every few seconds, "off"
 * when the draft is cleared or left alone. Typing in a note tells nobody.
 */
export const useAgentTyping = (conversationId: string, active: boolean, draft: string): void => {
  const lastOn = useRef(0);
  const isOn = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (!active) return;
    const stop = () => {
      if (!isOn.current) return;
      isOn.current = false;
      void sendAgentTyping(conversationId, false).catch(() => {});
    };
    clearTimeout(idle.current);
    if (draft.trim() === '') return stop();
    if (!isOn.current || Date.now() - lastOn.current > resendMs) {
      isOn.current = true;
      lastOn.current = Date.now();
      void sendAgentTyping(conversationId, true).catch(() => {});
    }
    idle.current = setTimeout(stop, idleMs);
  }, [conversationId, active, draft]);

  useEffect(
    () => () => {
      clearTimeout(idle.current);
      if (isOn.current) void sendAgentTyping(conversationId, false).catch(() => {});
    },
    [conversationId],
  );
};
