const blockTags = new Set(
  'address article aside blockquote br dd div dl dt figcaption footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul'.split(
    ' ',
  ),
);
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] !== '#') return entities[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

/**
 * The words of an HTML document without parsing it: tags dropped, blocks on lines of their own,
 * script and style left out, common entities decoded. For markup too complex to hand to a parser, so it is
 * built from indexOf steps only (no backtracking regex, no recursion) and reads at most `maxLength` characters.
 */
export function stripHtml(html: string, maxLength = 2 * 1024 * 1024): string {
  const source = html.length > maxLength ? html.slice(0, maxLength) : html;
  const parts: string[] = [];
  let at = 0;
  while (at < source.length) {
    const tag = source.indexOf('<', at);
    if (tag === -1) {
      parts.push(source.slice(at));
      break;
    }
    parts.push(source.slice(at, tag));
    const end = source.indexOf('>', tag + 1);
    if (end === -1) break;
    const name = /^<\/?([a-z][a-z0-9]*)/i.exec(source.slice(tag, tag + 12))?.[1]?.toLowerCase() ?? '';
    at = end + 1;
    if ((name === 'script' || name === 'style') && source[tag + 1] !== '/') {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = at;
      at = close.exec(source)?.index ?? source.length;
    } else if (source.startsWith('<!--', tag)) {
      const close = source.indexOf('-->', tag + 4);
      at = close === -1 ? source.length : close + 3;
    }
    if (blockTags.has(name)) parts.push('\n');
  }
  const lines = decodeEntities(parts.join('')).split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const words = line.replace(/[ \t\u00a0\r\f\v]+/g, ' ').trim();
    if (words || (kept.length > 0 && kept[kept.length - 1] !== '')) kept.push(words);
  }
  return `${kept.join('\n').trim()}${html.length > maxLength ? '\n[…]' : ''}`;
}
