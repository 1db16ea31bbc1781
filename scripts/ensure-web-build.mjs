#!/usr/bin/env node
// Builds the web application when web/dist is missing or older than any of its sources
// (web/src, web/*.html, web/vite.config.ts, src/shared, src/documents). Fast when nothing changed:
// it only compares modification times.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', 'dist');
const marker = join(dist, 'index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

const sources = [
  join(root, 'web', 'src'),
  join(root, 'web', 'index.html'),
  join(root, 'web', 'portal.html'),
  join(root, 'web', 'public'),
  join(root, 'web', 'vite.config.ts'),
  join(root, 'src', 'shared'),
  join(root, 'src', 'documents'),
];
const force = process.argv.includes('--force');
const builtAt = existsSync(marker) && existsSync(join(dist, 'portal.html')) ? statSync(marker).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest));

if (!force && builtAt > 0 && builtAt >= changedAt) {
  process.exit(0);
}
console.log(builtAt === 0 ? 'web: no build found, building…' : 'web: sources changed, rebuilding…');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const r = spawnSync(
  process.execPath,
  [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
  // Always a production build: run from Vitest (NODE_ENV=test) Vite would otherwise bundle React's
  // development build, and the journeys and a later `npm start` would serve it.
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (r.status !== 0) {
  console.error('web: build failed');
  process.exit(r.status ?? 1);
}
console.log('web: built into web/dist');
