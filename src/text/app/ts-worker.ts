import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// A worker runs TypeScript like the main process does: through tsx's loader, registered in the
// worker before it imports its module. (The ESM build of tsx's API, index.mjs, sits beside the
// CommonJS one that require resolves.)
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;

/** Starts a worker thread running the TypeScript module at `moduleUrl`. */
export function startTypeScriptWorker(moduleUrl: URL, workerData?: unknown): Worker {
  const boot = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
