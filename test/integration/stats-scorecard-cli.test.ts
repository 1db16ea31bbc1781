import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { loadConfig } from '../../src/config/env.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { INDICATORS } from '../../src/shared/stats.schema.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-scorecard-cli-'));
const outDir = mkdtempSync(join(tmpdir(), 'minsheng-scorecard-out-'));

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

const PERIOD = ['--from', '2026-03-01', '--to', '2026-06-30', '--region', '440305'];

describe('minsheng stats scorecard', () => {
  let org: Org;
  beforeAll(async () => {
    // Housing answers two matters in time, one rated satisfied; labour signs for one and never answers.
    let now = new Date('2026-03-02T01:00:00Z');
    const ctx = await createContext(loadConfig({ MINSHENG_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      clock: () => now,
    });
    try {
      org = await seedOrg(ctx);
      const registrar = org.staff(org.users.registrar);
      const ids: number[] = [];
      for (const [unit, signer] of [
        [org.units.housing, org.users.officer],
        [org.units.housing, org.users.officer],
        [org.units.labour, org.users.labourHead],
      ] as const) {
        const id = (await registerTestMatter(ctx, org)).id;
        await cmd.decide(ctx, registrar, id, { decision: 'accept', leadUnitId: unit });
        await cmd.signFor(ctx, org.staff(signer), id);
        ids.push(id);
      }
      now = new Date('2026-03-20T01:00:00Z');
      for (const id of ids.slice(0, 2))
        await cmd.reply(ctx, org.staff(org.users.head), id, {
          outcome: 'explained',
          facts: '经查明',
          legalBasis: '相关规定',
        });
      await cmd.rate(ctx, { kind: 'petitioner' }, ids[0]!, { rating: 'satisfied' });
      await ctx.db
        .insertInto('unit_targets')
        .values({
          unit_id: org.units.housing,
          year: 2026,
          indicator: 'satisfaction',
          target: 0.9,
          updated_by: org.users.admin.id,
          updated_at: now,
        })
        .execute();
    } finally {
      await ctx.handle.close();
    }
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('prints one JSON line per unit: unit, name, level, kind, score, rank, peers and figures', async () => {
    const r = await minsheng('stats', 'scorecard', ...PERIOD);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown> & { figures: Record<string, unknown>[] });
    for (const l of lines)
      expect(Object.keys(l)).toEqual([
        'unit',
        'unitName',
        'level',
        'kind',
        'score',
        'rank',
        'peers',
        'figures',
      ]);
    const housing = lines.find((l) => l.unit === org.units.housing)!;
    // Completion 2/2 ×10 + rating 1/2 ×5 + satisfaction 1/1 ×10; its acceptance limits are the bureau's.
    expect(housing).toMatchObject({
      unitName: '南山区住房和建设局',
      level: 'county',
      kind: 'functional_department',
      score: 22.5,
      rank: 1,
      peers: 2,
    });
    expect(housing.figures.map((f) => f.indicator)).toEqual([...INDICATORS]);
    expect(housing.figures.find((f) => f.indicator === 'satisfaction')).toEqual({
      indicator: 'satisfaction',
      numerator: 1,
      denominator: 1,
      value: 1,
      target: 0.9,
      gap: 0.1,
      weight: 10,
      points: 10,
    });
    // Labour's only limit ran out unanswered: 0 of 1 on time, no reply, score 0.
    expect(lines.find((l) => l.unit === org.units.labour)).toMatchObject({ score: 0, rank: 2, peers: 2 });
    // The bureau is ranked alone; the district government, with nothing counted, has no score.
    expect(lines.find((l) => l.unit === org.units.countyGov)).toMatchObject({
      score: null,
      rank: 1,
      peers: 1,
    });
    // Other years' targets: none.
    const y = await minsheng('stats', 'scorecard', ...PERIOD, '--year', '2025');
    const h2025 = y.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { unit: number; figures: { indicator: string; target: number | null }[] })
      .find((l) => l.unit === org.units.housing)!;
    expect(h2025.figures.find((f) => f.indicator === 'satisfaction')!.target).toBeNull();
  }, 180_000);

  it('writes CSV and XLSX, and refuses bad options naming them, writing no file', async () => {
    const csv = join(outDir, 'scorecard.csv');
    expect((await minsheng('stats', 'scorecard', ...PERIOD, '--format', 'csv', '--out', csv)).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('综合得分');
    expect(text).toContain('南山区住房和建设局,县（区）,职能部门,1,2,22.5');
    const xlsx = join(outDir, 'scorecard.xlsx');
    expect((await minsheng('stats', 'scorecard', ...PERIOD, '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const values: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => values.push(...(row.values as unknown[])));
    expect(values).toContain('南山区住房和建设局');
    expect(values).toContain(22.5);

    const bad = join(outDir, 'bad.xlsx');
    const year = await minsheng('stats', 'scorecard', ...PERIOD, '--year', '26', '--out', bad);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('--year');
    const noOut = await minsheng('stats', 'scorecard', ...PERIOD, '--format', 'xlsx');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const reversed = await minsheng('stats', 'scorecard', '--from', '2026-06-30', '--to', '2026-03-01');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('开始日期不能晚于结束日期');
    const category = await minsheng('stats', 'scorecard', ...PERIOD, '--category', 'nope');
    expect(category.code).toBe(2);
    expect(category.stderr).toContain('未知的问题分类');
    expect(existsSync(bad)).toBe(false);
  }, 180_000);
});
