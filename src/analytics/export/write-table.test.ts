import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDisposition, exportFileName, type TableSpec } from './table.ts';
import { writeTable } from './write-table.ts';
import { csvField } from './csv.ts';

interface Row {
  name: string | null;
  cases: number | null;
  rate: number | null;
  day: string | Date | null;
  at: Date | null;
}

const EXPORTED_AT = new Date('2026-03-02T01:05:00Z'); // 09:05 in Beijing

const spec = (rows: AsyncIterable<Row> | Iterable<Row>): TableSpec<Row> => ({
  title: '信访总量统计表',
  meta: {
    period: { from: '2026-01-01', to: '2026-03-31' },
    scope: '深圳市南山区',
    exportedAt: EXPORTED_AT,
    lines: [{ label: '导出人', value: '分析员' }],
  },
  columns: [
    { key: 'name', header: '渠道', headerEn: 'Channel', type: 'text', width: 20 },
    { key: 'cases', header: '件次', type: 'integer' },
    { key: 'rate', header: '及时受理率', type: 'percent' },
    { key: 'day', header: '登记日期', type: 'date' },
    { key: 'at', header: '登记时间', type: 'datetime' },
  ],
  rows,
});

const ROWS: Row[] = [
  {
    name: '来访',
    cases: 12,
    rate: 0.8533,
    day: '2026-02-01',
    at: new Date('2026-12-31T15:30:00Z'), // 23:30 on 31 December in Beijing
  },
  {
    name: '=HYPERLINK("http://x","点我")',
    cases: -3,
    rate: null,
    day: new Date('2026-12-31T16:30:00Z'),
    at: null,
  },
  { name: null, cases: null, rate: 1, day: null, at: null },
];

async function* failingAfter(n: number): AsyncGenerator<Row> {
  for (let i = 0; i < n; i++) yield { ...ROWS[0]!, name: `第${i}行` };
  throw new Error('the database went away');
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-export-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const readXlsx = async (path: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
};

describe('XLSX', () => {
  it('writes the title block, bold Chinese headers, a frozen header and typed cells', async () => {
    const path = join(dir, 't.xlsx');
    expect(await writeTable({ format: 'xlsx', path }, spec(ROWS))).toEqual({ rows: 3 });
    const ws = (await readXlsx(path)).worksheets[0]!;
    expect(ws.name).toBe('信访总量统计表');
    expect(ws.getCell('A1').value).toBe('信访总量统计表');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect([2, 3, 4, 5].map((r) => ws.getCell(`A${r}`).value)).toEqual([
      '统计期间：2026-01-01 至 2026-03-31',
      '数据范围：深圳市南山区',
      '导出人：分析员',
      '导出时间：2026-03-02 09:05:00（北京时间）',
    ]);
    const header = ws.getRow(6);
    expect(header.values).toEqual([undefined, '渠道', '件次', '及时受理率', '登记日期', '登记时间']);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(10);

    const first = ws.getRow(7);
    expect(first.getCell(1).value).toBe('来访');
    expect(first.getCell(2).value).toBe(12);
    expect(first.getCell(3).value).toBe(0.8533);
    expect(first.getCell(3).numFmt).toBe('0.0%');
    expect(first.getCell(4).value).toEqual(new Date('2026-02-01T00:00:00Z'));
    expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd');
    // Beijing wall-clock time: 23:30 on 31 December stays in that year.
    expect(first.getCell(5).value).toEqual(new Date('2026-12-31T23:30:00Z'));
    expect(first.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm');

    const second = ws.getRow(8);
    // A text is a text in XLSX (never a formula), so it needs no guard there.
    expect(second.getCell(1).value).toBe('=HYPERLINK("http://x","点我")');
    expect(second.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(second.getCell(2).value).toBe(-3);
    expect(second.getCell(3).value).toBeNull();
    // An instant given for a date column is the day in Beijing (00:30 on 1 January 2027).
    expect(second.getCell(4).value).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(ws.getRow(9).getCell(3).value).toBe(1);
    expect(ws.getRow(9).getCell(1).value).toBeNull();
    expect(ws.rowCount).toBe(9);
    expect(ws.autoFilter).toBe('A6:E9');
  });

  it('goes on to another sheet, title block and header repeated, past the rows a sheet holds', async () => {
    const path = join(dir, 'many.xlsx');
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...ROWS[0]!, cases: i }));
    await writeTable({ format: 'xlsx', path }, spec(rows), { maxSheetRows: 16 }); // 10 data rows a sheet
    const wb = await readXlsx(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '信访总量统计表',
      '信访总量统计表（2）',
      '信访总量统计表（3）',
    ]);
    const cases = wb.worksheets.flatMap((w) =>
      Array.from({ length: w.rowCount - 6 }, (_, i) => w.getRow(7 + i).getCell(2).value),
    );
    expect(cases).toEqual(rows.map((r) => r.cases));
    expect(wb.worksheets[2]!.getCell('A1').value).toBe('信访总量统计表');
    expect(wb.worksheets[2]!.getRow(6).getCell(2).value).toBe('件次');
  });

  it('waits for a slow reader instead of holding the rows in memory, and stops when it goes away', async () => {
    const out = new PassThrough();
    let produced = 0;
    async function* many(): AsyncGenerator<Row> {
      for (let i = 0; i < 60_000; i++) {
        produced += 1;
        yield { ...ROWS[0]!, name: `小区电梯长期故障无人维修，请求督促物业公司尽快维修 ${i}`, cases: i };
      }
    }
    const done = writeTable({ format: 'xlsx', stream: out }, spec(many()));
    await new Promise((r) => setTimeout(r, 1500));
    // Nobody reads the output: the writer stopped long before the last row.
    expect(produced).toBeLessThan(60_000);
    out.destroy();
    await expect(done).rejects.toThrow(/abandoned|closed|premature/i);
    const stopped = produced;
    await new Promise((r) => setTimeout(r, 200));
    expect(produced).toBe(stopped);
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, CRLF, RFC 4180 quoting and a guard against formulas', async () => {
    const path = join(dir, 't.csv');
    await writeTable({ format: 'csv', path }, spec(ROWS));
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toEqual([
      '渠道,件次,及时受理率,登记日期,登记时间',
      '来访,12,85.33%,2026-02-01,2026-12-31 23:30:00',
      `"'=HYPERLINK(""http://x"",""点我"")",-3,,2027-01-01,`,
      ',,100%,,',
      '',
    ]);
  });

  it('quotes commas, quotes and line breaks, and guards every formula lead', () => {
    expect(csvField('a,b', true)).toBe('"a,b"');
    expect(csvField('说"明"', true)).toBe('"说""明"""');
    expect(csvField('两行\r\n文字', true)).toBe('"两行\r\n文字"');
    for (const lead of ['=', '+', '-', '@', '\t'])
      expect(csvField(`${lead}1+1`, true)).toBe(lead === '\t' ? `'\t1+1` : `'${lead}1+1`);
    expect(csvField('-1', false)).toBe('-1');
    expect(csvField('南山区 = 深圳', true)).toBe('南山区 = 深圳');
  });
});

describe('file output', () => {
  for (const format of ['xlsx', 'csv'] as const) {
    it(`leaves no file at all when the rows fail half-way (${format})`, async () => {
      const path = join(dir, `half.${format}`);
      await expect(writeTable({ format, path }, spec(failingAfter(5_000)))).rejects.toThrow(
        'the database went away',
      );
      expect(existsSync(path)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`keeps the previous file when a new export fails, and replaces it when one succeeds (${format})`, async () => {
      const path = join(dir, `report.${format}`);
      writeFileSync(path, 'the previous export');
      await expect(writeTable({ format, path }, spec(failingAfter(10)))).rejects.toThrow();
      expect(readFileSync(path, 'utf8')).toBe('the previous export');
      await writeTable({ format, path }, spec(ROWS));
      expect(readFileSync(path, 'utf8')).not.toBe('the previous export');
      expect(readdirSync(dir)).toEqual([`report.${format}`]);
    });
  }

  it('fails, leaving nothing, when the directory does not exist', async () => {
    const path = join(dir, 'missing', 'x.xlsx');
    await expect(writeTable({ format: 'xlsx', path }, spec(ROWS))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('destroys a stream target on failure instead of ending it', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      let ended = false;
      out.on('end', () => (ended = true));
      const closed = new Promise((r) => out.on('close', r));
      out.on('error', () => undefined);
      await expect(writeTable({ format, stream: out }, spec(failingAfter(3_000)))).rejects.toThrow(
        'the database went away',
      );
      await closed;
      expect(out.destroyed).toBe(true);
      expect(ended).toBe(false);
    }
  });
});

describe('file names', () => {
  it('names the file by table and Beijing time, in Chinese with an ASCII fallback', () => {
    const name = exportFileName('信访事项清单', EXPORTED_AT, 'xlsx');
    expect(name).toBe('信访事项清单_20260302-0905.xlsx');
    expect(contentDisposition(name, 'matters_20260302-0905.xlsx')).toBe(
      `attachment; filename="matters_20260302-0905.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(contentDisposition("a'(b).csv", 'x"y.csv')).toBe(
      `attachment; filename="x_y.csv"; filename*=UTF-8''a%27%28b%29.csv`,
    );
  });
});
