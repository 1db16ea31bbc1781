// The registration's text analysis (category suggestion and fingerprint) on a worker thread, so
// the event loop that serves requests and talks to the database is not held up by segmentation and
// hashing. Messages: { kind: 'load' } reads the model directory (again); { kind: 'analyze', id, ... }
// answers { id, ok, suggestion, fingerprint }.
import { parentPort, workerData } from 'node:worker_threads';
import type { ClassifierModel } from '../classifier/index.ts';
import { loadModel } from '../classifier/index.ts';
import { fingerprintText } from './similar-matters.ts';
import { suggestCategoryWith } from './suggest-category.ts';

const { modelDir } = workerData as { modelDir: string };
let model: ClassifierModel | null = null;

async function load(): Promise<void> {
  try {
    model = await loadModel(modelDir);
  } catch {
    // The main thread reports a missing or damaged model. A failed reload keeps the model already
    // loaded, as the main thread does.
  }
}

type Message =
  { kind: 'load'; id: number } | { kind: 'analyze'; id: number; subject: string; content: string };

// Messages wait for the model being (re)loaded, so none is answered without the model.
let ready = load();

parentPort?.on('message', (m: Message) => {
  if (m.kind === 'load') {
    ready = ready.then(load);
    void ready.then(() => parentPort?.postMessage({ id: m.id, ok: true, loaded: model !== null }));
    return;
  }
  void ready.then(() => analyze(m));
});

function analyze(m: Extract<Message, { kind: 'analyze' }>): void {
  try {
    const input = { subject: m.subject, content: m.content };
    const suggestion = model ? suggestCategoryWith(model, input) : null;
    const fingerprint = fingerprintText(input);
    parentPort?.postMessage({ id: m.id, ok: true, suggestion, fingerprint });
  } catch (err) {
    parentPort?.postMessage({
      id: m.id,
      ok: false,
      message: err instanceof Error ? err.message : String(err),
    });
  }
}
