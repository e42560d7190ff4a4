// Builds the embeddable chat widget into one file, dist/widget.js, and holds it to its size budget.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
/** DESIGN.md: the widget script is at most 20 KB gzipped. */
export const budgetBytes = 20 * 1024;
export const outfile = path.join(here, 'dist/widget.js');

export async function buildWidget() {
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(here, 'src/main.tsx')],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const bytes = readFileSync(outfile);
  return { bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, gzipped } = await buildWidget();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`widget.js: ${kb(bytes)}, ${kb(gzipped)} gzipped (budget ${kb(budgetBytes)})`);
  if (gzipped > budgetBytes) {
    console.error('widget.js is over its size budget');
    process.exit(1);
  }
}
