import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DataDirLockedError } from '../../src/db/data-dir-lock.ts';
import { openDatabase } from '../../src/db/database.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'minsheng-lock-'));
  dirs.push(d);
  return d;
};

async function minsheng(dataDir: string, ...args: string[]) {
  try {
    const r = await run(process.execPath, [join(ROOT, 'bin', 'minsheng.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, MINSHENG_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** A pid that belonged to a process which has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid;
}

const lockOf = (pgDir: string) => JSON.parse(readFileSync(`${pgDir}.lock`, 'utf8')) as { pid: number };

describe('one process at a time on a PGlite data directory', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("refuses a second opening with the holder's pid and how to stop it, and frees it on close", async () => {
    const pgDir = join(tempDir(), 'pg');
    const first = await openDatabase({ dataDir: pgDir });
    expect(lockOf(pgDir).pid).toBe(process.pid);
    const second = await openDatabase({ dataDir: pgDir }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    const err = second as DataDirLockedError;
    expect(err.messageZh).toContain(`pid ${process.pid}`);
    expect(err.messageZh).toMatch(/请先停止该进程/);
    expect(err.messageEn).toContain(`pid ${process.pid}`);
    expect(err.messageEn).toMatch(/Stop that process first.*DATABASE_URL/s);
    // The first opening is unharmed.
    await first.db
      .selectFrom('pg_catalog.pg_class' as never)
      .select('relname' as never)
      .limit(1)
      .execute();
    await first.close();
    expect(existsSync(`${pgDir}.lock`)).toBe(false);
    const again = await openDatabase({ dataDir: pgDir });
    await again.close();
  });

  it('takes over a stale lock (its process no longer runs, or its pid now belongs to another) with a warning', async () => {
    const pgDir = join(tempDir(), 'pg');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const dead = deadPid();
      const stale = (pid: number, procStart: string | null) =>
        writeFileSync(
          `${pgDir}.lock`,
          JSON.stringify({
            pid,
            startedAt: '2026-01-01T00:00:00.000Z',
            procStart,
            host: hostname(),
            command: 'minsheng serve',
            token: 'stale',
          }),
        );
      stale(dead, null);
      const h = await openDatabase({ dataDir: pgDir });
      expect(lockOf(pgDir).pid).toBe(process.pid);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`left by pid ${dead}`));
      await h.close();
      if (existsSync(`/proc/${process.ppid}/stat`)) {
        // A live pid that started at another time than the holder did: a reused pid.
        stale(process.ppid, '1');
        const h2 = await openDatabase({ dataDir: pgDir });
        expect(lockOf(pgDir).pid).toBe(process.pid);
        await h2.close();
      }
    } finally {
      warn.mockRestore();
    }
  });

  it('the CLI refuses to open a directory a running server holds, says so in Chinese and English, and changes nothing', async () => {
    const dataDir = tempDir();
    const init = await minsheng(
      dataDir,
      'init',
      '--region',
      '440305',
      '--unit',
      '南山区信访局',
      '--admin',
      'admin',
      '--password',
      'long-password-1',
    );
    expect(init.code).toBe(0);
    const unitId = /unit (\d+)/.exec(init.stdout)?.[1] ?? '';

    const port = await freePort();
    let output = '';
    const server: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'minsheng.js'), 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        MINSHENG_DATA_DIR: dataDir,
        DATABASE_URL: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MINSHENG_RETRAIN_HOURS: '0',
        MINSHENG_TEXT_THREAD: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
        const onData = (b: Buffer) => {
          output += b.toString();
          if (output.includes('Minsheng is running')) {
            clearTimeout(timer);
            resolve();
          }
        };
        server.stdout!.on('data', onData);
        server.stderr!.on('data', onData);
        server.once('exit', () => reject(new Error(`server exited:\n${output}`)));
      });

      const add = await minsheng(
        dataDir,
        'user',
        'add',
        '--username',
        'alice',
        '--password',
        'long-password',
        '--unit',
        unitId,
        '--roles',
        'registrar',
      );
      expect(add.code).not.toBe(0);
      expect(add.stdout).not.toMatch(/created/);
      expect(add.stderr).toContain(`pid ${server.pid}`);
      expect(add.stderr).toMatch(/正由另一个 Minsheng 进程使用/);
      expect(add.stderr).toMatch(/is in use by another Minsheng process/);
      expect(add.stderr).toMatch(/kill -TERM/);
      const verify = await minsheng(dataDir, 'audit', 'verify');
      expect(verify.code).not.toBe(0);
      expect(verify.stderr).toContain(`pid ${server.pid}`);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    // A clean shutdown removes the lock, and the refused command left nothing behind.
    expect(existsSync(join(dataDir, 'pg.lock'))).toBe(false);
    const h = await openDatabase({ dataDir: join(dataDir, 'pg') });
    try {
      const users = await h.db.selectFrom('users').select('username').execute();
      expect(users.map((u) => u.username)).toEqual(['admin']);
    } finally {
      await h.close();
    }
    const after = await minsheng(dataDir, 'audit', 'verify');
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/OK/);
  }, 180_000);

  it.runIf(process.env.TEST_DATABASE_URL)('takes no lock on PostgreSQL', async () => {
    const pgDir = join(tempDir(), 'pg');
    const a = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: pgDir, poolSize: 1 });
    const b = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: pgDir, poolSize: 1 });
    expect(existsSync(`${pgDir}.lock`)).toBe(false);
    await a.close();
    await b.close();
  });
});
