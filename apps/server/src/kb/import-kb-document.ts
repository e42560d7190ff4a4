import type { ImportKbDocumentRequest, KbItem } from '@switchboard/contracts';
import { ImportKbDocumentRequest as ImportSchema } from '@switchboard/contracts';
import mammoth from 'mammoth';
import { marked } from 'marked';
import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import { checkDocxArchive } from './check-docx-archive.js';
import { createKbItem } from './create-kb-item.js';
import type { KbEditor } from './kb-editor.js';

const maxBytes = 10 * 1024 * 1024;
/** An item's body, as its contract allows. */
const maxBodyCharacters = 100_000;

/**
 * One document (Markdown, HTML, plain text or Word) becomes one item: its first heading (or the file
 * name) is the title, the rest the body, sanitised like anything else. The portal sends many files one
 * request at a time, which is how it shows progress.
 */
export async function importKbDocument(
  db: Db,
  options: { clientId: string; editor: KbEditor; input: ImportKbDocumentRequest },
): Promise<KbItem> {
  const input = ImportSchema.parse(options.input);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('DOCUMENT_EMPTY', 'The file is empty.');
  if (bytes.length > maxBytes) throw new AppError('DOCUMENT_TOO_LARGE', 'Documents up to 10 MB can be imported.');
  const html = await toHtml(input.filename, bytes);
  const { title, body } = splitTitle(html, input.filename);
  if (!textOf(body).trim()) throw new AppError('DOCUMENT_EMPTY', 'The document has no text.');
  if (body.length > maxBodyCharacters)
    throw new AppError('DOCUMENT_TOO_LONG', 'This document is too long for one item (100,000 characters); split it.');
  return db.transaction((tx) =>
    createKbItem(tx, {
      clientId: options.clientId,
      editor: options.editor,
      input: {
        kind: input.kind,
        language: input.language,
        visibility: input.visibility,
        categoryId: input.categoryId,
        title,
        body,
      },
    }),
  );
}

async function toHtml(filename: string, bytes: Buffer): Promise<string> {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  if (extension === 'docx') {
    await checkDocxArchive(bytes);
    try {
      return (await mammoth.convertToHtml({ buffer: bytes })).value;
    } catch {
      throw new AppError('DOCUMENT_UNREADABLE', 'This .docx file could not be read.');
    }
  }
  const text = bytes.toString('utf8');
  if (extension === 'md' || extension === 'markdown') return marked.parse(text, { async: false });
  if (extension === 'html' || extension === 'htm') return text;
  if (extension === 'txt') return text.includes('<') ? text.replace(/</g, '&lt;') : text;
  throw new AppError('DOCUMENT_TYPE_UNSUPPORTED', 'Import .md, .html, .txt or .docx files.');
}

function splitTitle(html: string, filename: string): { title: string; body: string } {
  const heading = firstElement(html, /<h[1-3](?:\s[^<>]*)?>/gi, /<\/h[1-3]>/gi);
  const fromHeading = heading && textOf(heading.inner).trim();
  const htmlTitle = firstElement(html, /<title(?:\s[^<>]*)?>/gi, /<\/title>/gi)?.inner.trim();
  const title = (fromHeading || htmlTitle || filename.replace(/\.[^.]+$/, '')).slice(0, 300);
  const body = heading && fromHeading ? html.slice(0, heading.start) + html.slice(heading.end) : html;
  return { title, body };
}

/**
 * The first element opened by `open` and closed by `close`, found in one pass each: a lazy
 * `<h1>([\s\S]*?)</h1>` rescans the rest of the document from every unclosed opening tag.
 */
function firstElement(html: string, open: RegExp, close: RegExp) {
  const opening = open.exec(html);
  if (!opening) return undefined;
  const innerStart = opening.index + opening[0].length;
  close.lastIndex = innerStart;
  const closing = close.exec(html);
  if (!closing) return undefined;
  return { start: opening.index, end: closing.index + closing[0].length, inner: html.slice(innerStart, closing.index) };
}

/** Tags removed. `[^<>]` keeps it linear where `<[^>]*>` is quadratic on a run of unclosed `<`. */
const textOf = (html: string) => html.replace(/<[^<>]*>/g, '');
