import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { normaliseText } from './normalise-text.js';
import { seedKnowledgeBase } from './seed-knowledge-base.js';

describe('knowledge base', () => {
  let t: TestApp;
  let portal: Session;
  let southAgent: Session;
  let northAgent: Session;
  const base = () => `/api/v1/clients/${t.agency.south.id}/kb`;

  beforeAll(async () => {
    t = await startTestApp();
    await seedKnowledgeBase(t.database.db, { clientId: t.agency.north.id, slug: 'acme' });
    await seedKnowledgeBase(t.database.db, { clientId: t.agency.south.id, slug: 'golestan' });
    portal = await signIn(t.app, t.agency.south.clientUserEmail);
    southAgent = await signIn(t.app, t.agency.southAgent.email);
    northAgent = await signIn(t.app, t.agency.northAgent.email);
  });
  afterAll(() => t.close());

  const search = async (session: Session, clientId: string, q: string, language?: string) => {
    const query = new URLSearchParams({ q, ...(language ? { language } : {}) });
    const response = await session.request({ method: 'GET', url: `/api/v1/clients/${clientId}/kb/search?${query}` });
    expect(response.statusCode).toBe(200);
    return (response.json() as { title: string }[]).map((hit) => hit.title);
  };

  it('normalises Persian and Arabic letter forms and digits the same way on both sides', () => {
    expect(normaliseText('كد تخفيف ۱۴۰۳ و ١٤٠٣')).toBe(normaliseText('کد تخفیف 1403 و 1403'));
    expect(normaliseText('می‌خواهم')).toBe('می خواهم');
  });

  it('searches English with stemming and tolerates typos', async () => {
    const northId = t.agency.north.id;
    expect((await search(northAgent, northId, 'returning items'))[0]).toMatch(/return/i);
    expect((await search(northAgent, northId, 'retrun polcy'))[0]).toMatch(/return/i);
    expect(await search(northAgent, northId, 'warranti')).toContain('Warranty claim: two-year warranty on defects');
    expect((await search(northAgent, northId, 'tent pole snaped'))[0]).toMatch(/tent/i);
  });

  it('searches Persian across letter forms, digits and typos', async () => {
    const southId = t.agency.south.id;
    expect((await search(portal, southId, 'كد تخفيف', 'fa'))[0]).toBe('کد تخفیف کار نمی‌کند');
    expect((await search(portal, southId, 'اركيده'))[0]).toBe('ارکیده دوباره گل نمی‌دهد');
    expect((await search(portal, southId, 'تاج گل ترحیم'))[0]).toBe('تاج گل ترحیم برای همان روز');
    // A typo: «ارکیدە» with a missing letter.
    expect((await search(portal, southId, 'ارکید گل نمیدهد'))[0]).toBe('ارکیده دوباره گل نمی‌دهد');
  });

  it('lets the client user and the agency edit, keeping every version with who and when', async () => {
    const tree = (await portal.request({ method: 'GET', url: base() })).json() as {
      items: { id: string; title: string }[];
      categories: unknown[];
      languages: string[];
    };
    expect(tree.categories.length).toBeGreaterThan(0);
    expect(tree.languages).toEqual(['en', 'fa']);
    const item = tree.items.find((i) => i.title === 'ساعت کاری فروشگاه')!;
    const edited = await portal.request({
      method: 'PATCH',
      url: `${base()}/items/${item.id}`,
      payload: { body: 'فروشگاه هر روز از ۸ صبح تا ۱۰ شب باز است.' },
    });
    expect(edited.statusCode).toBe(200);
    const byAgent = await southAgent.request({
      method: 'PATCH',
      url: `${base()}/items/${item.id}`,
      payload: { keywords: 'ساعت کاری باز هستید تعطیل' },
    });
    expect(byAgent.statusCode).toBe(200);
    const detail = (await portal.request({ method: 'GET', url: `${base()}/items/${item.id}` })).json() as {
      version: number;
      versions: { version: number; editorName: string }[];
      variants: { language: string }[];
      bodyText: string;
    };
    expect(detail.version).toBe(3);
    expect(detail.bodyText).toContain('۸ صبح');
    expect(detail.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(detail.versions.map((v) => v.editorName)).toEqual(['Sid South', expect.any(String), 'Onboarding']);
    expect(detail.variants.map((v) => v.language)).toEqual(['en']);
  });

  it('sanitises hostile HTML in items', async () => {
    const created = await portal.request({
      method: 'POST',
      url: `${base()}/items`,
      payload: {
        language: 'en',
        visibility: 'public',
        title: 'Hostile <b>title</b>',
        body: '<p onclick="alert(1)">Hello<script>alert(2)</script><img src=x onerror=alert(3)><a href="javascript:alert(4)">x</a><iframe src="https://evil.test"></iframe></p>',
      },
    });
    expect(created.statusCode).toBe(201);
    const { bodyHtml } = created.json() as { bodyHtml: string };
    expect(bodyHtml).toBe('<p>Hello<a rel="noopener noreferrer nofollow" target="_blank">x</a></p>');
  });

  it('answers 404 for another client’s knowledge base and items', async () => {
    const southItem = (await portal.request({ method: 'GET', url: base() })).json() as { items: { id: string }[] };
    const northPortal = await signIn(t.app, t.agency.north.clientUserEmail);
    expect((await northPortal.request({ method: 'GET', url: base() })).statusCode).toBe(404);
    expect(
      (await northAgent.request({ method: 'GET', url: `${base()}/items/${southItem.items[0]!.id}` })).statusCode,
    ).toBe(404);
    const crossed = await northAgent.request({
      method: 'GET',
      url: `/api/v1/clients/${t.agency.north.id}/kb/items/${southItem.items[0]!.id}`,
    });
    expect(crossed.statusCode).toBe(404);
  });

  it('suggests answers for the latest customer message with placeholders filled, and counts use', async () => {
    const { south } = t.agency;
    await t.database.db.execute(sql`INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, language)
      VALUES (${south.id}, ${south.conversationId}, 'incoming', 'contact', 'Customer', 'سلام، گل‌ها پژمرده رسيد و سر رزها خم شده', 'fa')`);
    const response = await southAgent.request({
      method: 'GET',
      url: `/api/v1/conversations/${south.conversationId}/suggestions`,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      language: string;
      suggestions: { itemId: string; title: string; text: string }[];
    };
    expect(body.language).toBe('fa');
    const first = body.suggestions[0]!;
    expect(first.title).toContain('پژمرده');
    const [contact] = await queryRows<{ name: string }>(
      t.database.db,
      sql`SELECT name FROM contacts WHERE id = ${south.contactId}`,
    );
    expect(first.text).toContain(contact!.name.split(' ')[0]);
    expect(first.text).not.toContain('{{');
    const used = await southAgent.request({
      method: 'POST',
      url: `/api/v1/conversations/${south.conversationId}/suggestions/${first.itemId}/use`,
    });
    expect(used.json()).toEqual({ usageCount: 1 });
    // An item of another client cannot be recorded against this conversation.
    const northItem = (
      await northAgent.request({ method: 'GET', url: `/api/v1/clients/${t.agency.north.id}/kb` })
    ).json() as {
      items: { id: string }[];
    };
    const foreign = await southAgent.request({
      method: 'POST',
      url: `/api/v1/conversations/${south.conversationId}/suggestions/${northItem.items[0]!.id}/use`,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('ranks a used answer above an equally relevant one', async () => {
    const make = (title: string) =>
      portal.request({
        method: 'POST',
        url: `${base()}/items`,
        payload: { language: 'en', title, body: 'Kayak rental prices.' },
      });
    const a = (await make('Kayak rental A')).json() as { id: string };
    const b = (await make('Kayak rental B')).json() as { id: string };
    const before = await search(portal, t.agency.south.id, 'kayak rental', 'en');
    const less = before[0] === 'Kayak rental A' ? b : a;
    await t.database.db.execute(sql`UPDATE kb_items SET usage_count = 40 WHERE id = ${less.id}`);
    const after = await search(portal, t.agency.south.id, 'kayak rental', 'en');
    expect(after[0]).toBe(less === a ? 'Kayak rental A' : 'Kayak rental B');
  });

  it('serves public items only on the help page, by slug, without signing in', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/help/south' });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ clientName: 'South Flowers', languages: ['en', 'fa'] });
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/help/south/articles?language=fa' })).json() as {
      title: string;
    }[];
    expect(all.map((a) => a.title)).toContain('ارکیده دوباره گل نمی‌دهد');
    expect(all.map((a) => a.title)).not.toContain('تغییر نشانی تحویل سفارش');
    const found = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/help/south/articles?q=${encodeURIComponent('نشانی اشتباه')}&language=fa`,
      })
    ).json() as { title: string }[];
    expect(found.map((a) => a.title)).not.toContain('تغییر نشانی تحویل سفارش');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/help/nobody' })).statusCode).toBe(404);
  });

  it('imports Markdown and HTML documents, sanitised, titled by their first heading', async () => {
    const markdown = '# Gift wrapping\n\nWe wrap **every** gift for free.\n\n<script>alert(1)</script>';
    const md = await portal.request({
      method: 'POST',
      url: `${base()}/import`,
      payload: { filename: 'gift.md', contentBase64: Buffer.from(markdown).toString('base64'), language: 'en' },
    });
    expect(md.statusCode).toBe(201);
    expect(md.json()).toMatchObject({ title: 'Gift wrapping', kind: 'article' });
    expect((md.json() as { bodyHtml: string }).bodyHtml).toBe('<p>We wrap <strong>every</strong> gift for free.</p>');
    const html = await portal.request({
      method: 'POST',
      url: `${base()}/import`,
      payload: {
        filename: 'care.html',
        contentBase64: Buffer.from('<h2>Vase care</h2><p onmouseover="x()">Change the water daily.</p>').toString(
          'base64',
        ),
        language: 'en',
      },
    });
    expect(html.json()).toMatchObject({ title: 'Vase care', bodyHtml: '<p>Change the water daily.</p>' });
    const bad = await portal.request({
      method: 'POST',
      url: `${base()}/import`,
      payload: { filename: 'x.exe', contentBase64: Buffer.from('MZ').toString('base64'), language: 'en' },
    });
    expect(bad.statusCode).toBe(415);
  });

  it('imports a Word document: its first heading titles the item, its paragraphs are the body', async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Bouquet subscription', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [new TextRun('A fresh bouquet '), new TextRun({ text: 'every week', bold: true })],
            }),
            new Paragraph({ text: 'اشتراک هفتگی گل' }),
          ],
        },
      ],
    });
    const bytes = await Packer.toBuffer(document);
    const imported = await portal.request({
      method: 'POST',
      url: `${base()}/import`,
      payload: { filename: 'subscription.docx', contentBase64: bytes.toString('base64'), language: 'en' },
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({
      title: 'Bouquet subscription',
      kind: 'article',
      bodyHtml: '<p>A fresh bouquet <strong>every week</strong></p><p>اشتراک هفتگی گل</p>',
    });
    expect((await search(portal, t.agency.south.id, 'bouquet subscription', 'en'))[0]).toBe('Bouquet subscription');
    const broken = await portal.request({
      method: 'POST',
      url: `${base()}/import`,
      payload: { filename: 'broken.docx', contentBase64: Buffer.from('not a zip').toString('base64'), language: 'en' },
    });
    expect(broken.statusCode).toBe(400);
  });

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

  /** A Word document's body part of `megabytes` MB of paragraphs, zipped (deflate packs it ~1,000:1). */
  const bigDocx = (megabytes: number) => {
    const xml = new Uint8Array(megabytes * 1024 * 1024);
    const paragraph = strToU8('<w:p><w:r><w:t>boom</w:t></w:r></w:p>');
    for (let at = 0; at + paragraph.length <= xml.length; at += paragraph.length) xml.set(paragraph, at);
    return zipSync({ 'word/document.xml': [xml, { level: 6 }] });
  };

  const importDocx = (bytes: Uint8Array, filename = 'bomb.docx') =>
    portal.request({
      method: 'POST',
      url: `${base()}/import`,
      payload: { filename, contentBase64: Buffer.from(bytes).toString('base64'), language: 'en' },
    });

  it('refuses a .docx zip bomb by its declared sizes, inflating nothing', async () => {
    const bomb = bigDocx(100);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    let response: Awaited<ReturnType<typeof importDocx>> | undefined;
    const stall = await longestStall(async () => {
      response = await importDocx(bomb);
    });
    expect(response!.statusCode).toBe(413);
    expect(response!.json()).toMatchObject({ detail: expect.stringMatching(/64 MB/) });
    // Today's code inflated and parsed it all on the main thread: seconds and gigabytes.
    expect(stall).toBeLessThan(500);
  });

  it('refuses a .docx whose directory understates its sizes, after inflating no more than it declared', async () => {
    const zip = bigDocx(24);
    // The central directory's uncompressed size of the one entry, rewritten to 1 KB.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const directory = view.getUint32(zip.length - 22 + 16, true);
    expect(view.getUint32(directory, true)).toBe(0x02014b50);
    view.setUint32(directory + 24, 1024, true);
    let response: Awaited<ReturnType<typeof importDocx>> | undefined;
    const stall = await longestStall(async () => {
      response = await importDocx(zip);
    });
    expect(response!.statusCode).toBe(413);
    expect(stall).toBeLessThan(500);
  });

  it('refuses an answer whose markup is nested thousands deep, without holding the server', async () => {
    // 33,000 unclosed <b> cost sanitize-html 0.65 s per save, each save of it holding every client.
    let response: Awaited<ReturnType<typeof portal.request>> | undefined;
    const stall = await longestStall(async () => {
      response = await portal.request({
        method: 'POST',
        url: `${base()}/items`,
        payload: { language: 'en', visibility: 'internal', title: 'Nested', body: `${'<b>'.repeat(33_000)}x` },
      });
    });
    expect(response!.statusCode).toBe(400);
    expect((response!.json() as { detail: string }).detail).toMatch(/nested too deeply/);
    expect(stall).toBeLessThan(300);
  });

  it('reads the title of a hostile .html import in linear time', async () => {
    // Unclosed headings and a run of `<` made the lazy heading and tag-stripping regexes quadratic.
    const hostile = `<h1>${'<h2 '.repeat(60_000)}${'<'.repeat(200_000)}`;
    let response: Awaited<ReturnType<typeof importDocx>> | undefined;
    const stall = await longestStall(async () => {
      response = await portal.request({
        method: 'POST',
        url: `${base()}/import`,
        payload: {
          filename: 'Hostile page.html',
          contentBase64: Buffer.from(hostile).toString('base64'),
          language: 'en',
        },
      });
    });
    expect(stall).toBeLessThan(1000);
    expect(response!.statusCode).toBe(413);
  });

  it('deletes a category, moving its items and sub-categories up', async () => {
    const create = (payload: object) => portal.request({ method: 'POST', url: `${base()}/categories`, payload });
    const parent = (await create({ names: { en: 'Plants' } })).json() as { id: string };
    const child = (await create({ names: { en: 'Cacti' }, parentId: parent.id })).json() as { id: string };
    const item = (
      await portal.request({
        method: 'POST',
        url: `${base()}/items`,
        payload: { language: 'en', title: 'Watering cacti', body: 'Once a month.', categoryId: child.id },
      })
    ).json() as { id: string };
    const foreign = await northAgent.request({ method: 'DELETE', url: `${base()}/categories/${child.id}` });
    expect(foreign.statusCode).toBe(404);
    const removed = await portal.request({ method: 'DELETE', url: `${base()}/categories/${child.id}` });
    expect(removed.statusCode).toBe(204);
    const tree = (await portal.request({ method: 'GET', url: base() })).json() as {
      categories: { id: string }[];
      items: { id: string; categoryId: string | null }[];
    };
    expect(tree.categories.map((c) => c.id)).not.toContain(child.id);
    expect(tree.items.find((i) => i.id === item.id)?.categoryId).toBe(parent.id);
    await portal.request({ method: 'DELETE', url: `${base()}/categories/${parent.id}` });
    const after = (await portal.request({ method: 'GET', url: base() })).json() as {
      items: { id: string; categoryId: string | null }[];
    };
    expect(after.items.find((i) => i.id === item.id)?.categoryId).toBeNull();
    const again = await portal.request({ method: 'DELETE', url: `${base()}/categories/${parent.id}` });
    expect(again.statusCode).toBe(404);
  });

  it('saves a reply an agent sent as an answer', async () => {
    const { south } = t.agency;
    const reply = await southAgent.request({
      method: 'POST',
      url: `/api/v1/conversations/${south.conversationId}/messages`,
      payload: { kind: 'reply', body: 'We deliver on Fridays between 10 and 14.' },
    });
    const messageId = (reply.json() as { id: string }).id;
    const saved = await southAgent.request({
      method: 'POST',
      url: `${base()}/from-reply`,
      payload: { messageId, title: 'Friday deliveries' },
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({
      title: 'Friday deliveries',
      bodyText: 'We deliver on Fridays between 10 and 14.',
    });
    const foreign = await northAgent.request({
      method: 'POST',
      url: `/api/v1/clients/${t.agency.north.id}/kb/from-reply`,
      payload: { messageId, title: 'Stolen' },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
