import { useEffect, useRef } from 'react';

export type DeskShortcuts = {
  next: () => void;
  previous: () => void;
  open: () => void;
  reply: () => void;
  resolve: () => void;
  search: () => void;
  help: () => void;
};

/** Typing in a field must never trigger a shortcut. */
const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
};

export const useDeskShortcuts = (shortcuts: DeskShortcuts): void => {
  // Read the latest handlers without re-binding the listener on every render.
  const latest = useRef(shortcuts);
  latest.current = shortcuts;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      // A modal (e.g. the help) owns the keyboard while it is open.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const handlers: Record<string, (() => void) | undefined> = {
        j: latest.current.next,
        k: latest.current.previous,
        Enter: latest.current.open,
        r: latest.current.reply,
        e: latest.current.resolve,
        '/': latest.current.search,
        '?': latest.current.help,
      };
      const handler = handlers[event.key];
      if (!handler) return;
      // Enter on a focused button or link keeps its own meaning.
      if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a')) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
};
