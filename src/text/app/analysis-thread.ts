import type { Worker } from 'node:worker_threads';
import type { CategorySuggestion, TextFingerprint } from '../../intake/text-hooks.ts';
import { startTypeScriptWorker } from './ts-worker.ts';

/** A petition's category suggestion and fingerprint, as registration needs them. */
export interface TextAnalysis {
  suggestion: CategorySuggestion | null;
  fingerprint: TextFingerprint | null;
}

export interface AnalysisThread {
  /** Analyses on the worker thread; rejects if the thread fails (the caller then works in-thread). */
  analyze(input: { subject: string; content: string }): Promise<TextAnalysis>;
  /** Makes the worker read the model directory again; resolves to whether it has a model. */
  reload(): Promise<boolean>;
  close(): Promise<void>;
}

type Reply =
  | {
      id: number;
      ok: true;
      suggestion?: CategorySuggestion | null;
      fingerprint?: TextFingerprint | null;
      loaded?: boolean;
    }
  | { id: number; ok: false; message: string };

/**
 * One worker thread for the text analysis of registrations. On a machine with a spare core, the
 * server's event loop then spends its time on HTTP and the database. A thread that stops is started
 * again on the next request; requests it held are rejected.
 */
export function startAnalysisThread(modelDir: string): AnalysisThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let closed = false;

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = startTypeScriptWorker(new URL('./analysis.worker.ts', import.meta.url), { modelDir });
    w.on('message', (r: Reply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      p.resolve(r);
    });
    w.on('error', (err) => {
      if (worker === w) worker = null;
      failAll(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`the text analysis thread stopped (exit code ${code})`));
    });
    // Idle, the thread must not keep the process alive.
    w.unref();
    worker = w;
    return w;
  };
  const send = (message: Record<string, unknown>): Promise<Reply> => {
    if (closed) return Promise.reject(new Error('the text analysis thread is closed'));
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ensure().postMessage({ ...message, id });
    });
  };
  return {
    async analyze(input) {
      const r = await send({ kind: 'analyze', subject: input.subject, content: input.content });
      if (!r.ok) throw new Error(r.message);
      const fp = r.fingerprint ?? null;
      return {
        suggestion: r.suggestion ?? null,
        // Structured cloning turns the Uint8Array into one again; keep the type exact.
        fingerprint: fp ? { signature: new Uint8Array(fp.signature), bandKeys: fp.bandKeys } : null,
      };
    },
    async reload() {
      const r = await send({ kind: 'load' });
      return r.ok && r.loaded === true;
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      failAll(new Error('the text analysis thread is closed'));
      if (w) await w.terminate();
    },
  };
}
