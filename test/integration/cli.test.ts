import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-cli-'));

async function minsheng(...args: string[]) {
  try {
    const r = await run(process.execPath, ['bin/minsheng.js', ...args], {
      env: { ...process.env, MINSHENG_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function minshengWith(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run(process.execPath, ['bin/minsheng.js', ...args], {
      env: { ...process.env, MINSHENG_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the minsheng command', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints due dates on the official calendar', async () => {
    // 09-20 + 15 days = 10-05, inside the National Day holiday → the first working day after it.
    expect(
      (await minsheng('calendar', 'due', '--from', '2026-09-20', '--days', '15', '--offline')).stdout.trim(),
    ).toBe('2026-10-08');
    // 5 working days from Monday 09-28 count the make-up Saturday 10-10.
    expect(
      (
        await minsheng('calendar', 'due', '--from', '2026-09-28', '--days', '5', '--working', '--offline')
      ).stdout.trim(),
    ).toBe('2026-10-10');
    // Spring Festival 2026: 02-10 + 5 days = 02-15, a holiday until 02-23.
    expect(
      (await minsheng('calendar', 'due', '--from', '2026-02-10', '--days', '5', '--offline')).stdout.trim(),
    ).toBe('2026-02-24');
  });

  it('warns for a year with no official notice and still answers', async () => {
    const r = await minsheng('calendar', 'due', '--from', '2030-01-01', '--days', '1', '--offline');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no official holiday notice for 2030/);
    expect(r.stdout.trim()).toMatch(/^2030-01-0\d$/);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const bad = await minsheng('calendar', 'due', '--from', '2026-13-45', '--days', '3', '--offline');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--from/);
    const days = await minsheng('calendar', 'due', '--from', '2026-01-05', '--days', '-3', '--offline');
    expect(days.code).not.toBe(0);
    expect(days.stderr).toMatch(/--days/);
    const missing = await minsheng('calendar', 'due', '--days', '3');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--from/);
  });

  it('migrates, adds a user and verifies the audit log of the embedded database', async () => {
    expect((await minsheng('migrate')).stdout).toMatch(/applied|up to date/);
    const noUnit = await minsheng(
      'user',
      'add',
      '--username',
      'alice',
      '--password',
      'long-password',
      '--unit',
      '999',
      '--roles',
      'registrar',
    );
    expect(noUnit.code).not.toBe(0);
    expect(noUnit.stderr).toMatch(/unit/i);
    const init = await minsheng(
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
    const add = await minsheng(
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
    expect(add.stdout).toMatch(/user alice created/);
    const dup = await minsheng(
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
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toMatch(/taken/);
    const verify = await minsheng('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/OK/);
  });

  // Seven processes, four of which open the database: slow on a busy machine.
  it(
    'makes a signing key, writes a signed checkpoint and verifies the log against it',
    { timeout: 180_000 },
    async () => {
      const keys = mkdtempSync(join(tmpdir(), 'minsheng-keys-'));
      try {
        const key = join(keys, 'audit.key');
        const log = join(keys, 'checkpoints.jsonl');
        const made = await minsheng('audit', 'keygen', '--out', key);
        expect(made.code).toBe(0);
        expect(made.stdout).toMatch(/key [0-9a-f]{16} written/);
        expect((await minsheng('audit', 'keygen', '--out', key)).stderr).toMatch(/never overwritten/);
        const env = { MINSHENG_AUDIT_KEY_FILE: key, MINSHENG_AUDIT_CHECKPOINT_LOG: log };
        const cp = await minshengWith(env, 'audit', 'checkpoint');
        expect(cp.code).toBe(0);
        expect(JSON.parse(cp.stdout.trim()) as { root: string }).toMatchObject({
          v: 1,
          root: expect.any(String),
        });
        const ok = await minsheng('audit', 'verify', '--checkpoints', log, '--public-key', `${key}.pub`);
        expect(ok.code).toBe(0);
        expect(ok.stdout).toMatch(/1 checkpoint\(s\).*OK/);
        const stranger = join(keys, 'other.key');
        await minsheng('audit', 'keygen', '--out', stranger);
        const bad = await minsheng(
          'audit',
          'verify',
          '--checkpoints',
          log,
          '--public-key',
          `${stranger}.pub`,
        );
        expect(bad.code).toBe(1);
        expect(bad.stdout).toMatch(/untrusted_key/);
        // The key inside the data directory would travel with the data it signs.
        const inside = await minshengWith(
          { MINSHENG_AUDIT_KEY_FILE: join(dataDir, 'audit.key'), MINSHENG_AUDIT_CHECKPOINT_LOG: log },
          'audit',
          'checkpoint',
        );
        expect(inside.code).not.toBe(0);
        expect(inside.stderr).toMatch(/MINSHENG_AUDIT_KEY_FILE: must be outside MINSHENG_DATA_DIR/);
      } finally {
        rmSync(keys, { recursive: true, force: true });
      }
    },
  );
});
