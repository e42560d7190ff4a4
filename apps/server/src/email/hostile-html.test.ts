import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';

/** The longest the event loop was held while `work` ran, in ms. */
const longestStall = async (work: () => Promise<unknown>) => {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  try {
    await work();
  } finally {
    delay.disable();
  }
  return delay.max / 1e6;
};

const head = (id: string, type: string) =>
  `From: Eve <eve@evil.example>\r\nTo: support@north.test\r\nSubject: nested ${id}\r\nMessage-ID: <${id}@nested.example>\r\nMIME-Version: 1.0\r\nContent-Type: ${type}\r\n\r\n`;

const htmlOnly = (id: string, html: string) => `${head(id, 'text/html; charset=utf-8')}${html}\r\n`;
const alternative = (id: string, text: string, html: string) =>
  `${head(id, 'multipart/alternative; boundary="alt"')}--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n--alt--\r\n`;

/**
 * Before the complexity check these messages held the event loop ~16 s; now ~50–110 ms on an idle
 * two-core machine. The bound leaves room for a CI machine running both suites at once (341 ms seen).
 */
const STALL_BOUND_MS = 1000;

type DeskMessage = { bodyText: string; bodyHtml: string | null };

describe('deeply nested HTML costs the listener milliseconds and is still stored', () => {
  let k: EmailKit;
  let agent: Session;
  beforeAll(async () => {
    k = await startEmailKit();
    agent = await signIn(k.app, k.agency.northAgent.email);
  });
  afterAll(() => k.stop());

  /** What the desk shows of the message stored for `id`, and the size of the raw source kept with it. */
  const onDesk = async (id: string) => {
    const [row] = await k.rows<{ conversation_id: string; message_id: string; raw_size: number }>(
      sql`SELECT conversation_id, message_id, raw_size FROM email_messages WHERE rfc_message_id = ${`<${id}@nested.example>`}`,
    );
    expect(row).toBeDefined();
    const detail = await agent.request({ method: 'GET', url: `/api/v1/conversations/${row!.conversation_id}` });
    expect(detail.statusCode).toBe(200);
    const { messages } = detail.json() as { messages: (DeskMessage & { id: string })[] };
    return { message: messages.find((m) => m.id === row!.message_id)!, rawSize: row!.raw_size };
  };

  it('stores 800 KB of unclosed <div> as plain text with a note, holding the event loop well under a second', async () => {
    // Today: html-to-text and sanitize-html walk a stack as deep as the document for every tag (seconds).
    const raw = htmlOnly('unclosed', `<p>Please call me back</p>${'<div>'.repeat(160_000)}end`);
    let code = 0;
    const stall = await longestStall(async () => {
      code = (await k.send(raw)).code;
    });
    expect(code).toBe(250);
    expect(stall).toBeLessThan(STALL_BOUND_MS);
    const { message, rawSize } = await onDesk('unclosed');
    expect(rawSize).toBe(Buffer.byteLength(raw));
    expect(message.bodyText).toContain('Please call me back');
    expect(message.bodyHtml).toContain('too complex');
    expect(message.bodyHtml).not.toContain('<div><div>');
  });

  it('stores 20,000 closed nested <div> (a stack overflow in html-to-text today) the same way', async () => {
    const raw = htmlOnly('closed', `${'<div>'.repeat(20_000)}Where is order 77?${'</div>'.repeat(20_000)}`);
    let code = 0;
    const stall = await longestStall(async () => {
      code = (await k.send(raw)).code;
    });
    expect(code).toBe(250);
    expect(stall).toBeLessThan(STALL_BOUND_MS);
    const { message } = await onDesk('closed');
    expect(message.bodyText).toContain('Where is order 77?');
    expect(message.bodyHtml).toContain('too complex');
  });

  it('keeps the text part of an alternative whose HTML part is hostile, holding the event loop well under a second', async () => {
    // Here mailparser keeps the text part; sanitize-html alone took seconds on the HTML.
    const raw = alternative('alt', 'My parcel never arrived.', `${'<span>'.repeat(60_000)}x`);
    let code = 0;
    const stall = await longestStall(async () => {
      code = (await k.send(raw)).code;
    });
    expect(code).toBe(250);
    expect(stall).toBeLessThan(STALL_BOUND_MS);
    const { message } = await onDesk('alt');
    expect(message.bodyText).toBe('My parcel never arrived.');
    expect(message.bodyHtml).toContain('too complex');
    expect(message.bodyHtml).not.toContain('<span>');
  });

  it('still renders ordinary nested HTML as sanitised HTML', async () => {
    const html = `${'<div>'.repeat(30)}<p>Hello <b>there</b></p><script>alert(1)</script>${'</div>'.repeat(30)}`;
    expect((await k.send(htmlOnly('ordinary', html))).code).toBe(250);
    const { message } = await onDesk('ordinary');
    expect(message.bodyText).toContain('Hello there');
    expect(message.bodyHtml).toContain('<b>there</b>');
    expect(message.bodyHtml).not.toContain('script');
    expect(message.bodyHtml).not.toContain('too complex');
  });
});
