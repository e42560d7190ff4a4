import { type RefObject, useEffect } from 'react';

/** Within this many pixels of the end, the reader counts as "at the bottom". */
const slack = 48;

const scrollParentOf = (element: HTMLElement): HTMLElement | null => {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
};

/**
 * Newest at the bottom, like every mail and chat client: jump to the end when a message arrives, and stay
 * there while messages settle into their heights (an e-mail's frame sizes itself only once it has loaded),
 * unless the reader has scrolled up to read something.
 */
export const useStickToBottom = (
  content: RefObject<HTMLElement | null>,
  end: RefObject<HTMLElement | null>,
  lastId: string | undefined,
): void => {
  useEffect(() => {
    const thread = content.current;
    if (!lastId || !thread) return;
    const toEnd = () => end.current?.scrollIntoView({ block: 'end' });
    toEnd();
    const viewport = scrollParentOf(thread);
    let pinned = true;
    const onScroll = () => {
      if (viewport) pinned = viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight <= slack;
    };
    // Unfolding a quote or opening a message's source is reading, not waiting for the next message.
    const onPointerDown = () => {
      pinned = false;
    };
    const observer = new ResizeObserver(() => pinned && toEnd());
    observer.observe(thread);
    viewport?.addEventListener('scroll', onScroll, { passive: true });
    thread.addEventListener('pointerdown', onPointerDown);
    return () => {
      observer.disconnect();
      viewport?.removeEventListener('scroll', onScroll);
      thread.removeEventListener('pointerdown', onPointerDown);
    };
  }, [content, end, lastId]);
};
