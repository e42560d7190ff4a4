/**
 * Inclusive CPU time of a server profile kept by `npm run bench -- email --keep-prof`: for every project
 * file and package, the share of busy samples with it anywhere on the stack (so `store-email-batch.ts`
 * counts the SQL it causes, `smtp-server` the parsing it calls). Shares add up to more than 100 %.
 *
 *   npx tsx bench/email/profile-tree.ts --dir /tmp/sb-bench-email-prof-XXXX [--from-ms A --to-ms B] [--messages 2000] [--top 50]
 *
 * (the benchmark prints the command with the measured window).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { intArg, parseArgs } from '../lib/args.js';
import { place } from './profile.js';

type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const { values } = parseArgs(process.argv.slice(2));
const dir = values.get('dir');
if (!dir) throw new Error('--dir: the kept profile folder');
const messages = intArg(values, 'messages', 0);
const top = intArg(values, 'top', 50);
// The measured window, in ms since the profile started (about when the process did); all of it by default.
const fromMs = Number(values.get('from-ms') ?? 0);
const toMs = Number(values.get('to-ms') ?? Number.POSITIVE_INFINITY);

const inclusive = new Map<string, number>();
const inclusiveFn = new Map<string, number>();
let busy = 0;
for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Profile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    at += (profile.timeDeltas[i] ?? 0) / 1000;
    if (at < fromMs || at > toMs) continue;
    let id: number | undefined = profile.samples[i]!;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') continue;
    busy += dt;
    const places = new Set<string>();
    const fns = new Set<string>();
    while (id !== undefined) {
      const node = byId.get(id)!;
      const where = node.callFrame.url ? place(node.callFrame.url) : null;
      if (where) {
        places.add(where);
        if (!where.includes('node_modules') && !where.startsWith('node:') && where.startsWith('apps/'))
          fns.add(`${node.callFrame.functionName || '(anonymous)'}  ${where}`);
      }
      if (node.callFrame.functionName === '(garbage collector)') places.add('(garbage collector)');
      id = parent.get(id);
    }
    for (const p of places) inclusive.set(p, (inclusive.get(p) ?? 0) + dt);
    for (const f of fns) inclusiveFn.set(f, (inclusiveFn.get(f) ?? 0) + dt);
  }
}
const per = (ms: number) => (messages ? ` ${(ms / messages).toFixed(3).padStart(7)} ms/msg` : '');
console.log(`busy ${(busy / 1000).toFixed(1)} s${per(busy)}`);
console.log('\ninclusive by file/package:');
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)} %${per(v)}  ${k}`);
console.log('\ninclusive by project function:');
for (const [k, v] of [...inclusiveFn].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)} %${per(v)}  ${k}`);
