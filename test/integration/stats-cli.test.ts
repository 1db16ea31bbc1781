import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { loadConfig } from '../../src/config/env.ts';
import { INDICATORS } from '../../src/shared/stats.schema.ts';
import { registerTestMatter, seedOrg } from '../helpers/fixtures.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-stats-cli-'));
const outDir = mkdtempSync(join(tmpdir(), 'minsheng-stats-out-'));

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

const YEAR = ['--from', '2026-01-01', '--to', '2026-12-31'];

describe('minsheng stats', () => {
  beforeAll(async () => {
    // Five letters and two visits (one collective) in 南山区, registered in March 2026.
    const ctx = await createContext(loadConfig({ MINSHENG_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      clock: () => new Date('2026-03-02T01:00:00Z'),
    });
    try {
      const org = await seedOrg(ctx);
      for (let i = 0; i < 5; i++) await registerTestMatter(ctx, org);
      await registerTestMatter(ctx, org, { channel: 'visit', headCount: 3 });
      await registerTestMatter(ctx, org, {
        channel: 'visit',
        headCount: 8,
        petitioners: [{ name: '李四', phone: '13900001111', isRepresentative: true }],
      });
    } finally {
      await ctx.handle.close();
    }
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('prints a volume table as one JSON line per row, the total last with a null key', async () => {
    const r = await minsheng('stats', 'volume', ...YEAR, '--region', '440305', '--by', 'channel');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const total = lines.at(-1)!;
    expect(total).toEqual({
      key: null,
      label: '合计',
      cases: 7,
      people: 16,
      visitBatches: 2,
      visitPeople: 11,
      collectiveBatches: 1,
      collectivePeople: 8,
      previous: {
        cases: 0,
        people: 0,
        visitBatches: 0,
        visitPeople: 0,
        collectiveBatches: 0,
        collectivePeople: 0,
      },
    });
    expect(lines.find((l) => l.key === 'letter')).toMatchObject({ label: '来信', cases: 5, people: 5 });
    expect(lines.find((l) => l.key === 'visit')).toMatchObject({
      cases: 2,
      people: 11,
      collectiveBatches: 1,
    });
    expect(Object.keys(lines[0]!)).toEqual([
      'key',
      'label',
      'cases',
      'people',
      'visitBatches',
      'visitPeople',
      'collectiveBatches',
      'collectivePeople',
      'previous',
    ]);
    // The year before, asked directly, holds nothing; the same table a year later compares with this one.
    const next = await minsheng(
      'stats',
      'volume',
      '--from',
      '2027-01-01',
      '--to',
      '2027-12-31',
      '--region',
      '440305',
    );
    expect(JSON.parse(next.stdout.trim())).toMatchObject({
      key: null,
      cases: 0,
      previous: { cases: 7, people: 16 },
    });
  });

  it('prints the indicators as one JSON line each', async () => {
    const r = await minsheng('stats', 'indicators', ...YEAR, '--region', '440305');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.indicator)).toEqual([...INDICATORS]);
    for (const l of lines) expect(Object.keys(l)).toEqual(['indicator', 'numerator', 'denominator', 'value']);
    expect(lines.find((l) => l.indicator === 'repeat_rate')).toEqual({
      indicator: 'repeat_rate',
      numerator: 0,
      denominator: 7,
      value: 0,
    });
  });

  it('writes CSV with a BOM and XLSX with numbers as numbers', async () => {
    const csv = join(outDir, 'volume.csv');
    expect(
      (await minsheng('stats', 'volume', ...YEAR, '--region', '440305', '--format', 'csv', '--out', csv))
        .code,
    ).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('件次');
    const xlsx = join(outDir, 'volume.xlsx');
    const r = await minsheng(
      'stats',
      'volume',
      ...YEAR,
      '--region',
      '440305',
      '--by',
      'level',
      '--format',
      'xlsx',
      '--out',
      xlsx,
    );
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.worksheets[0]!;
    const values: unknown[] = [];
    sheet.eachRow((row) => values.push(...(row.values as unknown[])));
    expect(values).toContain('合计');
    expect(values).toContain(7);
  });

  it('refuses bad input with the option named in Chinese and English, and writes no file', async () => {
    const out = join(outDir, 'bad.xlsx');
    const reversed = await minsheng(
      'stats',
      'volume',
      '--from',
      '2026-02-01',
      '--to',
      '2026-01-01',
      '--format',
      'xlsx',
      '--out',
      out,
    );
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('开始日期不能晚于结束日期');
    expect(reversed.stderr).toContain('from: the start date must not be after the end date');
    const long = await minsheng('stats', 'volume', '--from', '2010-01-01', '--to', '2026-01-01');
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('10 years');
    const region = await minsheng('stats', 'volume', ...YEAR, '--region', '990000');
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('--region');
    expect(region.stderr).toContain('未知的地区代码');
    const dim = await minsheng('stats', 'volume', ...YEAR, '--by', 'colour');
    expect(dim.code).toBe(2);
    expect(dim.stderr).toMatch(/colour/);
    const format = await minsheng('stats', 'volume', ...YEAR, '--format', 'pdf');
    expect(format.code).toBe(2);
    const noOut = await minsheng('stats', 'volume', ...YEAR, '--format', 'xlsx');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(outDir).filter((f) => f.includes('bad'))).toEqual([]);
  });

  it('rebuilds and verifies the rollups', async () => {
    const verified = await minsheng('stats', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^ok: \d+ rollup rows agree/m);
    const rebuilt = await minsheng('stats', 'rebuild');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/rebuilt \d+ rollup rows/);
    expect((await minsheng('stats', 'verify')).code).toBe(0);
  });
});
