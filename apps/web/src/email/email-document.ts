/** What the desk needs to know about a message's sanitised HTML before showing it. */
export type EmailHtmlShape = {
  /** The body's inner HTML, re-serialised, without whatever html/head/body wrapper the mail had. */
  body: string;
  /** Quoted history the server marked with `sb-quote`, folded behind a toggle. */
  hasQuote: boolean;
  /** Remote images the server blocked (they carry `data-blocked-src` instead of `src`). */
  hasBlockedImages: boolean;
};

/**
 * DOMParser builds an inert document: nothing in it runs and nothing it refers to is fetched, so reading
 * the server's HTML here is safe even if the sanitiser had missed something.
 */
export const inspectEmailHtml = (html: string): EmailHtmlShape => {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return {
    body: parsed.body.innerHTML,
    hasQuote: parsed.body.querySelector('.sb-quote') !== null,
    hasBlockedImages: parsed.body.querySelector('img[data-blocked-src]') !== null,
  };
};

export const showQuotesClass = 'sb-show-quotes';
export const rootClass = 'sb-root';

const baseStyle = `
html, body { margin: 0; padding: 0; background: transparent; overflow-y: hidden; }
body {
  font: 14px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', Tahoma, sans-serif;
  color: #212529;
}
.${rootClass} { overflow-wrap: anywhere; overflow-x: auto; }
img { max-width: 100%; height: auto; }
img[data-blocked-src] {
  display: inline-block; min-width: 1.5em; min-height: 1.5em; padding: 2px 4px;
  border: 1px dashed #ced4da; border-radius: 4px; color: #868e96; font-size: 12px;
}
p { margin: 0 0 0.5em; }
a { color: #4263eb; }
blockquote, .sb-quote {
  margin: 0.5em 0; padding-inline-start: 0.75em; border-inline-start: 3px solid #dee2e6; color: #495057;
}
table { border-collapse: collapse; max-width: 100%; }
html:not(.${showQuotesClass}) .sb-quote { display: none; }
`;

/**
 * The document shown in the message's sandboxed frame. Its own Content-Security-Policy is a second wall
 * behind the sanitiser and the sandbox: no script, no plug-ins, no fetches, and images only from
 * Switchboard itself (inline `cid:` pictures) until the agent asks for remote ones. No referrer either,
 * so a sender's image server never learns the desk's addresses.
 */
export const emailDocument = (body: string, options: { remoteImages: boolean }): string => {
  const images = options.remoteImages ? "'self' https: http:" : "'self'";
  const policy = `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="referrer" content="no-referrer">',
    `<style>${baseStyle}</style></head>`,
    `<body><div class="${rootClass}" dir="auto">${body}</div></body></html>`,
  ].join('');
};
