import sanitizeHtml from 'sanitize-html';

export type SanitisedHtml = { blocked: string; withImages: string; remoteImages: boolean };

const quoteClasses = ['gmail_quote', 'moz-cite-prefix', 'OutlookMessageHeader', 'yahoo_quoted'];
const quoteIds = ['divRplyFwdMsg', 'appendonsend', 'x_divRplyFwdMsg'];

/**
 * An e-mail's HTML made safe to show on the desk, by an allow-list (sanitize-html): no script, no
 * event handlers, no style, no forms, no frames. `cid:` images point at the stored attachment. Remote
 * images are kept only in `withImages`, served when the agent asks, because loading them tells the
 * sender the mail was read. Quoted history is marked `sb-quote` so the desk can fold it.
 */
export function sanitizeEmailHtml(html: string, cidUrls: ReadonlyMap<string, string>): SanitisedHtml {
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
