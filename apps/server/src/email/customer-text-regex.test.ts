import { describe, expect, it } from 'vitest';
import { kbHtmlToText, sanitizeKbHtml } from '../kb/sanitize-kb-html.js';
import { foldQuotedText } from './fold-quoted-text.js';
import { normaliseSubject } from './normalise-subject.js';

/** Milliseconds one synchronous call holds the event loop. */
const stallOf = (run: () => unknown) => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

describe('quote folding still finds the quote headers it found before', () => {
  /** Whether the header line itself starts the folded quote (the `>` lines below it fold either way). */
  const folds = (header: string) =>
    foldQuotedText(`Danke!\n\n${header}\n> alt\n> text`).quoted.startsWith(header.trim());
  it.each([
    ['Am 01.01.2024 um 10:00 schrieb Max Mustermann <max@example.de>:', true],
    ['Am Mo., 1. Jan. 2024 um 10:00 Uhr schrieb Max <max@example.de>:  ', true],
    ['Am 1. Jan schrieb Max schrieb Moritz:', true],
    ['Am 01.01.2024 schrieb Max', false],
    ['Am  schrieb Max:', false],
    ['Am x schrieb :', false],
    ['Am x schrieb y: und mehr', false],
    ['On Mon, 1 Jan 2024 at 10:00, Alice <alice@example.com> wrote:', true],
    ['Le lun. 1 janv. 2024 à 10:00, Alice <alice@example.fr> a écrit :', true],
    ['در تاریخ دوشنبه ۱ ژانویه ۲۰۲۴، علی <ali@example.ir> نوشت:', true],
    ['Just a sentence that mentions wrote: nothing', false],
  ])('%s → %s', (header, expected) => {
    expect(folds(header)).toBe(expected);
  });

  it('folds a 260 KB line in milliseconds, not seconds', () => {
    const line = `Am ${'x schrieb '.repeat(26_000)}`;
    const text = `Hallo\n${line}\n> alt\n> text`;
    let folded: ReturnType<typeof foldQuotedText> | undefined;
    expect(stallOf(() => (folded = foldQuotedText(text)))).toBeLessThan(1500); // 7.6 s before
    expect(folded!.latest).toContain('Hallo');
  });
});

describe('subject normalisation still strips what it stripped before', () => {
  it.each([
    ['Re: Order 42', 'order 42'],
    ['RE: Fwd: AW:  Order 42', 'order 42'],
    ['Re [2]: Order 42', 'order 42'],
    ['Re  [2]  :  Order 42', 'order 42'],
    ['Re :Order 42', 'order 42'],
    ['Re： 注文', '注文'],
    ['Automatic reply: Away', 'away'],
    ['Out of office: Away', 'away'],
    ['رد: سفارش', 'سفارش'],
    ['[North #12] Re: Order 42', 'order 42'],
    ['Reorder 42', 'reorder 42'],
    ['Re Order 42', 're order 42'],
    ['Re [x]: Order', 're [x]: order'],
  ])('%s → %s', (subject, expected) => {
    expect(normaliseSubject(subject)).toBe(expected);
  });

  it('normalises a subject of 60,000 spaces in milliseconds', () => {
    const subject = `re${' '.repeat(60_000)}x`;
    let key = '';
    expect(stallOf(() => (key = normaliseSubject(subject)))).toBeLessThan(1000); // 3.8 s before
    expect(key).toBe('re x');
  });
});

describe('knowledge-base text handling stays linear', () => {
  it.each([
    ['Plain text\n\nsecond', '<p>Plain text</p><p>second</p>'],
    ['<p>Hello</p>', '<p>Hello</p>'],
    ['a < b and c > d', '<p>a &lt; b and c &gt; d</p>'],
    ['x <b and y>', 'x <b></b>'],
    ['2 < 3', '<p>2 &lt; 3</p>'],
  ])('sanitizeKbHtml(%j) → %j', (body, expected) => {
    expect(sanitizeKbHtml(body)).toBe(expected);
  });

  it.each([
    ['<p>one   </p><p>two\t </p>', 'one\n\ntwo'],
    ['<ul><li>a</li><li class="x">b</li></ul>', '- a\n- b'],
    ['<p>a<br>b<br/>c</p>', 'a\nb\nc'],
  ])('kbHtmlToText(%j) → %j', (html, expected) => {
    expect(kbHtmlToText(html)).toBe(expected);
  });

  // Bounds far below the seconds these inputs took before (21 s) and far above what they take on a loaded CI
  // machine (sanitising 200 KB is ~20 ms alone, ~600 ms beside a full suite): a stall fails, load does not.
  it('a body of 200,000 "<a" or of spaces costs milliseconds', () => {
    expect(stallOf(() => sanitizeKbHtml('<a'.repeat(100_000)))).toBeLessThan(3000);
    expect(stallOf(() => kbHtmlToText(`<p>${' '.repeat(200_000)}x</p>`))).toBeLessThan(1500);
    expect(stallOf(() => kbHtmlToText(`<p>x</p>${'<li'.repeat(70_000)}`))).toBeLessThan(3000);
  });
});
