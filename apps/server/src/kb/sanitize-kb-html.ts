import sanitizeHtml from 'sanitize-html';
import { AppError } from '../platform/errors.js';
import { checkHtmlComplexity } from '../platform/html/index.js';

const allowedTags = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'ul',
  'ol',
  'li',
  'a',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
];

/**
 * A knowledge-base body made safe to render anywhere (portal, desk, public help page): an allow-list
 * without script, style, event handlers, images or frames. Plain text is escaped into paragraphs.
 * Markup nested past the shared limits is refused before sanitize-html, whose work grows with the nesting.
 */
export function sanitizeKbHtml(body: string): string {
  const html = /<[a-z!/][^<>]*>/i.test(body) ? body : textToHtml(body);
  if (!checkHtmlComplexity(html).ok)
    throw new AppError(
      'KB_MARKUP_TOO_COMPLEX',
      'This answer’s formatting is nested too deeply to be saved; simplify it.',
    );
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: { a: ['href', 'title', 'rel', 'target'], '*': ['dir', 'lang'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
      }),
    },
  }).trim();
}

function textToHtml(text: string): string {
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The text an agent inserts into a reply: paragraphs and list items on their own lines, no markup. */
export function kbHtmlToText(html: string): string {
  // `[^<>]*` stops at the next tag, so an unclosed `<li` costs its own length, not the rest of the body.
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^<>]*>/gi, '\n- ')
    .replace(/<\/(p|h[1-6]|blockquote|pre|tr|ul|ol)>/gi, '\n\n');
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  // Trailing spaces go line by line: `/[ \t]+\n/g` retried every space of a long run that ends in a letter.
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}
