import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
  log: () => string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Builds web/dist when it is missing or stale (the same script `npm start` runs). */
export function ensureWebBuild(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-web-build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('web build failed');
}

/**
 * Starts `minsheng serve --demo` on a fresh embedded database and a free port; `env` adds settings.
 * With `opts.dataDir` it starts on that directory instead and leaves it in place when stopped (a
 * journey that restarts the server, e.g. with its clock moved on).
 */
export async function startServer(
  env: Record<string, string> = {},
  opts: { dataDir?: string } = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'minsheng-e2e-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'minsheng.js'), 'serve', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      MINSHENG_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      MINSHENG_DEMO_SIZE: 'small',
      LOG_LEVEL: 'warn',
      // Every answer the journeys receive is held to its declared schema (a mismatch is a 500).
      MINSHENG_CHECK_RESPONSES: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // The demo trains its category model on first start: give a busy CI machine time.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dataDir,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      // An answer that broke its declared schema during the journey fails the journey.
      const broken = output.split('\n').filter((l) => l.startsWith('Response contract:'));
      if (broken.length > 0) throw new Error(`answers that broke their schema:\n${broken.join('\n')}`);
    },
  };
}

/** A logged-in API client for setting up a journey's data (cookie and CSRF token). */
export async function apiSession(url: string, username: string, password = 'minsheng-demo') {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await r.json()) as {
    csrfToken: string;
    user: { id: number; displayName: string; unit: { id: number; name: string } };
  };
  const call = async <T>(
    method: string,
    path: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': body.csrfToken,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: payload !== undefined ? JSON.stringify(payload) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return { user: body.user, call };
}

/**
 * Registers a matter through the API as the demo's registrar and accepts it with the demo
 * officer's unit (the housing bureau) leading: where the leadership, supervision and organised-work
 * journeys start.
 */
export async function acceptedMatter(
  url: string,
  m: {
    channel: string;
    subject: string;
    content: string;
    petitioner: { name: string; phone: string };
    receivedAt?: string;
  },
): Promise<{ id: number; caseNumber: string }> {
  const officer = await apiSession(url, 'officer');
  const registrar = await apiSession(url, 'registrar');
  const r = await registrar.call<{ id: number; caseNumber: string }>(
    'POST',
    '/api/matters',
    {
      channel: m.channel,
      purpose: 'request',
      regionCode: '440305',
      subject: m.subject,
      content: m.content,
      ...(m.receivedAt ? { receivedAt: m.receivedAt } : {}),
      petitioners: [m.petitioner],
    },
    { 'idempotency-key': crypto.randomUUID() },
  );
  if (r.status !== 201) throw new Error(`register: ${r.status} ${JSON.stringify(r.body)}`);
  const accepted = await registrar.call('POST', `/api/matters/${r.body.id}/decide`, {
    decision: 'accept',
    leadUnitId: officer.user.unit.id,
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return r.body;
}
