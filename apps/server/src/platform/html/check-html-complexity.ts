/**
 * htmlparser2 (under sanitize-html and html-to-text) keeps its open elements in an array it shifts and
 * unshifts, and looks close tags up through all of it, so each tag costs as much as the nesting it sits in:
 * 800 KB of unclosed `<div>` held the event loop for seconds, and html-to-text recurses once per level.
 * This scan walks the markup once, the way that parser nests it (implied closes, void elements), and
 * refuses what would cost more than a few milliseconds, before any of them sees it.
 */
export type HtmlComplexity = { ok: true } | { ok: false; reason: 'too_large' | 'too_deep' };

export type HtmlLimits = {
  /** Characters of markup; Gmail clips at about 100 KB. Sanitising this much costs ~0.1 s. */
  maxLength: number;
  /** Open elements at once; long Outlook threads reach a few hundred. */
  maxDepth: number;
  /** Sum, over every tag, of the open elements around it: what the parser's stack work adds up to. */
  maxNestingWork: number;
};

export const defaultHtmlLimits: HtmlLimits = { maxLength: 512 * 1024, maxDepth: 400, maxNestingWork: 4_000_000 };

const voidElements = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(
    ' ',
  ),
);
const pOnly = ['p'];
const formTags = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
// htmlparser2's openImpliesClose: opening the key closes open elements of these names at the top.
const impliedCloses = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...'select input output button datalist textarea'.split(' ').map((tag) => [tag, new Set(formTags)] as const),
  ...'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'
    .split(' ')
    .map((tag) => [tag, new Set(pOnly)] as const),
]);
// A close tag is looked for this far below the top; further down it is ignored, which can only overstate depth.
const closeSearch = 16;

const isNameChar = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 58;

/** Whether handing this HTML to sanitize-html or html-to-text costs milliseconds, in one linear pass. */
export function checkHtmlComplexity(html: string, limits: HtmlLimits = defaultHtmlLimits): HtmlComplexity {
  if (html.length > limits.maxLength) return { ok: false, reason: 'too_large' };
  const open: string[] = [];
  let work = 0;
  let at = html.indexOf('<');
  while (at !== -1) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      if (end === -1) break;
      at = html.indexOf('<', end + 3);
      continue;
    }
    const closing = html.charCodeAt(at + 1) === 47;
    let end = at + (closing ? 2 : 1);
    while (end < html.length && isNameChar(html.charCodeAt(end))) end++;
    const name = html.slice(at + (closing ? 2 : 1), end).toLowerCase();
    if (name && !/^[a-z]/.test(name)) {
      at = html.indexOf('<', end);
      continue;
    }
    if (name && closing) {
      if (!voidElements.has(name)) {
        const floor = Math.max(0, open.length - closeSearch);
        for (let i = open.length - 1; i >= floor; i--) {
          if (open[i] === name) {
            open.length = i;
            break;
          }
        }
      }
    } else if (name) {
      const closes = impliedCloses.get(name);
      while (closes && open.length > 0 && closes.has(open[open.length - 1]!)) open.pop();
      if (!voidElements.has(name)) open.push(name);
      if (open.length > limits.maxDepth) return { ok: false, reason: 'too_deep' };
    }
    work += open.length;
    if (work > limits.maxNestingWork) return { ok: false, reason: 'too_deep' };
    at = html.indexOf('<', end);
  }
  return { ok: true };
}
