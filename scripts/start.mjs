// `npm start`: build the web app and the chat widget when missing or older than their sources, then run the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const web = path.join(root, 'apps/web');
const built = path.join(web, 'dist/index.html');

function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(root, 'packages/contracts/src')];
const stale =
  !existsSync(built) ||
  sources.some(
    (s) =>
      existsSync(s) && (statSync(s).isDirectory() ? newestChange(s) : statSync(s).mtimeMs) > statSync(built).mtimeMs,
  );
if (stale) {
  console.log('Building the web app…');
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The chat widget: one script served at /widget.js; its build also checks its size budget.
const widget = path.join(root, 'apps/widget');
const widgetBuilt = path.join(widget, 'dist/widget.js');
const widgetSources = [path.join(widget, 'src'), path.join(root, 'packages/contracts/src/chat.ts')];
if (
  !existsSync(widgetBuilt) ||
  widgetSources.some(
    (s) => (statSync(s).isDirectory() ? newestChange(s) : statSync(s).mtimeMs) > statSync(widgetBuilt).mtimeMs,
  )
) {
  console.log('Building the chat widget…');
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'apps/widget'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Replace nothing, wrap nothing: the server gets our stdio and our signals.
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
