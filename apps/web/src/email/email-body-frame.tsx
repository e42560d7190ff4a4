import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { emailDocument, rootClass, showQuotesClass } from './email-document';

type EmailBodyFrameProps = { body: string; remoteImages: boolean; quotesOpen: boolean; title: string };

/**
 * An e-mail's HTML in a sandboxed frame. The server already sanitised it; the frame is the wall behind that:
 * without `allow-scripts` nothing in the mail can run even if a sanitiser bug let it through, the mail's
 * layout cannot leak into the desk (or the desk's into it), and its links can only open new tabs.
 * `allow-same-origin` (safe without `allow-scripts`) lets the desk measure the content to size the frame,
 * and lets inline pictures load from Switchboard with the agent's session.
 */
export const EmailBodyFrame = ({ body, remoteImages, quotesOpen, title }: EmailBodyFrameProps) => {
  const frame = useRef<HTMLIFrameElement>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const [height, setHeight] = useState(0);
  const srcDoc = useMemo(() => emailDocument(body, { remoteImages }), [body, remoteImages]);

  const root = useCallback(() => frame.current?.contentDocument?.querySelector(`.${rootClass}`) ?? null, []);
  const measure = useCallback(() => {
    const content = root();
    if (content) setHeight(Math.ceil(content.getBoundingClientRect().height));
  }, [root]);

  const applyQuotes = useCallback(
    (open: boolean) => {
      frame.current?.contentDocument?.documentElement.classList.toggle(showQuotesClass, open);
      measure();
    },
    [measure],
  );

  const quotesOpenRef = useRef(quotesOpen);
  quotesOpenRef.current = quotesOpen;
  useEffect(() => applyQuotes(quotesOpen), [applyQuotes, quotesOpen]);

  // Images arriving, the pane resizing, the quote unfolding: the frame follows its content's height.
  const onLoad = () => {
    observer.current?.disconnect();
    applyQuotes(quotesOpenRef.current);
    const content = root();
    if (!content) return;
    observer.current = new ResizeObserver(measure);
    observer.current.observe(content);
  };
  useEffect(() => () => observer.current?.disconnect(), []);

  return (
    <iframe
      ref={frame}
      title={title}
      srcDoc={srcDoc}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      onLoad={onLoad}
      data-testid="email-body-frame"
      style={{ display: 'block', width: '100%', height, border: 0, colorScheme: 'light' }}
    />
  );
};
