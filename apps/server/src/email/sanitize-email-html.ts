import sanitizeHtml from 'sanitize-html';
import { checkHtmlComplexity, stripHtml } from '../platform/html/index.js';

export type SanitisedHtml = { blocked: string; withImages: string; remoteImages: boolean };

const quoteClasses = ['gmail_quote', 'moz-cite-prefix', 'OutlookMessageHeader', 'yahoo_quoted'];
const quoteIds = ['divRplyFwdMsg', 'appendonsend', 'x_divRplyFwdMsg'];

/**
 * An e-mail's HTML made safe to show on the desk, by an allow-list (sanitize-html): no script, no
 * event handlers, no style, no forms, no frames. `cid:` images point at the stored attachment. Remote
 * images are kept only in `withImages`, served when the agent asks, because loading them tells the
 * sender the mail was read. Quoted history is marked `sb-quote` so the desk can fold it.
 * HTML too large or too deeply nested for sanitize-html to handle in milliseconds is shown as its plain
 * text with a note to the agent instead; the raw source stays stored with the message.
 */
export function sanitizeEmailHtml(html: string, cidUrls: ReadonlyMap<string, string>): SanitisedHtml {
  const complexity = checkHtmlComplexity(html);
  if (!complexity.ok) {
    const shown = asPlainText(stripHtml(html), complexity.reason);
    return { blocked: shown, withImages: shown, remoteImages: false };
  }
  let remoteImages = false;
  const run = (showImages: boolean) =>
    sanitizeHtml(html, {
      allowedTags: [
        ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'style'),
        'img',
        'font',
        'center',
        'details',
        'summary',
      ],
      allowedAttributes: {
        a: ['href', 'title', 'rel', 'target'],
        img: ['src', 'alt', 'title', 'width', 'height', 'data-blocked-src'],
        td: ['colspan', 'rowspan', 'align', 'valign'],
        th: ['colspan', 'rowspan', 'align', 'valign'],
        table: ['width', 'cellpadding', 'cellspacing'],
        font: ['color'],
        '*': ['class', 'dir', 'lang'],
      },
      allowedClasses: { '*': ['sb-quote'] },
      allowedSchemes: ['http', 'https', 'mailto'],
      allowedSchemesByTag: { img: ['http', 'https'] },
      allowProtocolRelative: false,
      disallowedTagsMode: 'discard',
      transformTags: {
        a: (tagName, attribs) => ({
          tagName,
          attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
        }),
        img: (tagName, attribs) => {
          const src = (attribs.src ?? '').trim();
          const { src: _src, ...rest } = attribs;
          if (/^cid:/i.test(src)) {
            const url = cidUrls.get(src.slice(4).replace(/^<|>$/g, '').toLowerCase());
            return { tagName, attribs: url ? { ...rest, src: url } : { ...rest, alt: rest.alt ?? '[image]' } };
          }
          if (/^https?:\/\//i.test(src)) {
            remoteImages = true;
            return showImages
              ? { tagName, attribs: { ...rest, src } }
              : { tagName, attribs: { ...rest, 'data-blocked-src': src, alt: rest.alt || '[remote image blocked]' } };
          }
          return { tagName, attribs: rest };
        },
        '*': (tagName, attribs) => {
          const classes = (attribs.class ?? '').split(/\s+/);
          const quoted =
            quoteClasses.some((c) => classes.includes(c)) ||
            quoteIds.includes(attribs.id ?? '') ||
            (tagName === 'blockquote' && attribs.type === 'cite');
          return { tagName, attribs: quoted ? { ...attribs, class: 'sb-quote' } : { ...attribs, class: '' } };
        },
      },
      exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src && !frame.attribs['data-blocked-src'],
    });
  const blocked = run(false);
  return { blocked, withImages: remoteImages ? run(true) : blocked, remoteImages };
}

const notes = {
  too_large: 'This e-mail’s HTML was too complex (too large) to display safely',
  too_deep: 'This e-mail’s HTML was too complex (nested too deeply) to display safely',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function asPlainText(text: string, reason: keyof typeof notes): string {
  const note = `${notes[reason]}; it is shown as plain text. The original message is kept with it.`;
  return `<p><em>${note}</em></p><div>${escapeHtml(text).replace(/\n/g, '<br>')}</div>`;
}
