import { DESK_USAGE, runDesk } from './desk/index.js';

/** `npm run bench -- <name> [options]`: one entry per benchmark of docs/benchmarks.md. */
const BENCHMARKS: Record<string, { usage: string; run: (argv: readonly string[]) => Promise<void> }> = {
  desk: { usage: DESK_USAGE, run: runDesk },
  kb: { usage: 'npm run bench -- kb --help', run: async (argv) => (await import('./kb/index.js')).runKb(argv) },
  routing: {
    usage: 'npm run bench -- routing --help',
    run: async (argv) => (await import('./routing/index.js')).runRouting(argv),
  },
  chat: {
    usage: 'npm run bench -- chat --help',
    run: async (argv) => (await import('./chat/index.js')).runChat(argv),
  },
  voice: {
    usage: 'npm run bench -- voice --help',
    run: async (argv) => (await import('./voice/index.js')).runVoice(argv),
  },
  email: {
    usage: 'npm run bench -- email --help',
    run: async (argv) => (await import('./email/index.js')).runEmail(argv),
  },
};

const [name, ...rest] = process.argv.slice(2);
const known = Object.keys(BENCHMARKS).join(', ');
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  console.error(name ? `unknown benchmark: ${name}` : 'usage: npm run bench -- <benchmark> [options]');
  console.error(`benchmarks: ${known}`);
  process.exit(2);
}
try {
  await bench.run(rest);
} catch (error) {
  console.error(error);
  process.exit(1);
}
