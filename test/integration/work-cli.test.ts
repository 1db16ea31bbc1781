import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLetter } from '../../src/assessment/letter.commands.ts';
import { createContext } from '../../src/app/create-context.ts';
import { loadConfig } from '../../src/config/env.ts';
import { seedOrg } from '../helpers/fixtures.ts';
import { readZipEntry } from '../helpers/zip.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-work-cli-'));
const outDir = mkdtempSync(join(tmpdir(), 'minsheng-work-out-'));

async function minsheng(...args: string[]) {
  try {
    const r = await run(process.execPath, ['bin/minsheng.js', ...args], {
      env: { ...process.env, MINSHENG_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('minsheng organised-work commands', { timeout: 120_000 }, () => {
  let letterId = 0;
  beforeAll(async () => {
    const ctx = await createContext(loadConfig({ MINSHENG_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      clock: () => new Date('2026-01-05T02:00:00Z'),
    });
    try {
      const org = await seedOrg(ctx);
      const letter = await createLetter(
        ctx,
        { kind: 'staff', user: org.users.supervisor },
        {
          unitId: org.units.housing,
          year: 2026,
          docNumber: '南信字〔2026〕3号',
          targets: [{ indicator: 'on_time_completion', target: 0.95 }],
          bureauSignatory: { name: '王建国', title: '区信访局局长' },
        },
      );
      letterId = letter.id;
    } finally {
      await ctx.handle.close();
    }
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('prints the published reception schedule as iCalendar', async () => {
    const r = await minsheng('reception-schedule', '--ics');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^BEGIN:VCALENDAR/);
    expect(r.stdout).toMatch(/END:VCALENDAR\s*$/);
  });

  it('writes a letter as the bureau sees it, and refuses a unit that may not see it', async () => {
    const out = join(outDir, 'letter.docx');
    const ok = await minsheng('letter-docx', String(letterId), '--as', 'supervisor', '--out', out);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const xml = readZipEntry(readFileSync(out), 'word/document.xml');
    expect(xml).toContain('南信字〔2026〕3号');
    expect(xml).toContain('95');
    // The labour bureau neither issued nor received it: "not found", and no file.
    const other = join(outDir, 'other.docx');
    const refused = await minsheng('letter-docx', String(letterId), '--as', 'labourhead', '--out', other);
    expect(refused.code).not.toBe(0);
    expect(() => readFileSync(other)).toThrow();
  });

  it('names the bad option of a report', async () => {
    const who = await minsheng('campaign-report', '1', '--as', 'nobody', '--out', join(outDir, 'c.xlsx'));
    expect(who.code).toBe(2);
    expect(who.stderr).toMatch(/--as/);
    const id = await minsheng('letter-docx', 'abc', '--as', 'supervisor', '--out', join(outDir, 'x.docx'));
    expect(id.code).toBe(2);
    expect(id.stderr).toMatch(/<id>/);
    const format = await minsheng(
      'campaign-report',
      '1',
      '--as',
      'supervisor',
      '--format',
      'pdf',
      '--out',
      'x',
    );
    expect(format.code).not.toBe(0);
    expect(format.stderr).toMatch(/pdf/);
  });
});
