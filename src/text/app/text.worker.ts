// A worker thread for the text jobs that take seconds (hot issues over thousands of matters,
// retraining), so the HTTP server's event loop keeps serving registrations meanwhile.
import { parentPort } from 'node:worker_threads';
import { runTextJob, type TextJob } from './text-jobs.ts';

parentPort?.on('message', (job: TextJob) => {
  void runTextJob(job).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) =>
      parentPort?.postMessage({
        ok: false,
        message: err instanceof Error ? err.message : String(err),
        code: typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined,
      }),
  );
});
