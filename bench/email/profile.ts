import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

type CpuProfile = {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

const root = path.resolve(import.meta.dirname ?? '.', '../..');

/** Where a frame lives: a package name, a project file, or a V8/Node bucket. */
export function place(url: string): string {
  if (!url) return '(native/V8)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = clean.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (clean.startsWith('node:')) return clean;
  return path.relative(root, clean);
}

/**
 * Self time of the server's CPU profile(s), within `window` (`node --cpu-prof`), by function and by package/file:
 * the top entries say whether the time goes to parsing, sanitising, SQL drivers or the event loop idling.
 */
export async function summarizeProfiles(
  dir: string,
  window: { fromMs: number; toMs: number } = { fromMs: 0, toMs: Number.POSITIVE_INFINITY },
  top = 20,
): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) return '  (no profile written)';
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    let at = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i]!);
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      at += (profile.timeDeltas[i] ?? 0) / 1000;
      // Only the measured window (ms since the profile started, about when the process started).
      if (!node || at < window.fromMs || at > window.toMs) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') {
        idle += dt;
        continue;
      }
      total += dt;
      const key = `${functionName || '(anonymous)'}  ${place(url)}${url ? `:${lineNumber + 1}` : ''}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
      const where = functionName === '(garbage collector)' ? '(garbage collector)' : place(url);
      byPlace.set(where, (byPlace.get(where) ?? 0) + dt);
    }
  }
  const lines = [
    `  busy ${(total / 1000).toFixed(1)} s, idle ${(idle / 1000).toFixed(1)} s`,
    '  self time by package/file:',
  ];
  for (const [k, v] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`    ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  lines.push('  self time by function:');
  for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`    ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  return lines.join('\n');
}
