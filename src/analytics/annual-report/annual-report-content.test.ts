import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  INDICATORS,
  type IndicatorFigure,
  type VolumeRow,
  type VolumeTable,
} from '../../shared/stats.schema.ts';
import {
  annualReportContent,
  changeInWords,
  formatChange,
  formatCount,
  formatRate,
  rankUnits,
  type AnnualReportContent,
  type AnnualReportInput,
  type ReportTable,
  type UnitFigures,
} from './annual-report-content.ts';
import { buildAnnualReportDocx } from './annual-report-docx.ts';

const fig = (cases: number, people = cases, visits = 0, visitPeople = 0, coll = 0, collPeople = 0) => ({
  cases,
  people,
  visitBatches: visits,
  visitPeople,
  collectiveBatches: coll,
  collectivePeople: collPeople,
});

const row = (
  key: string | null,
  label: string,
  now: ReturnType<typeof fig>,
  before: ReturnType<typeof fig>,
): VolumeRow => ({ key, label, labelEn: label, ...now, previous: before });

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const table = (by: VolumeTable['by'], rows: VolumeRow[], total: VolumeRow): VolumeTable => ({
  period: PERIOD,
  previousPeriod: { from: '2025-01-01', to: '2025-12-31' },
  region: { code: '440305', name: '南山区' },
  by,
  rows,
  total,
  generatedAt: new Date('2027-01-05T02:00:00Z'),
});

const TOTAL = row(
  null,
  '合计',
  fig(12345, 15000, 1200, 3100, 40, 420),
  fig(10000, 12000, 1500, 3500, 40, 400),
);

const rates = (
  over: Partial<Record<(typeof INDICATORS)[number], [number, number | null]>>,
): IndicatorFigure[] =>
  INDICATORS.map((k) => {
    const [n, d] = over[k] ?? [0, k === 'overdue_now' || k === 'backlog' ? null : 0];
    return { indicator: k, numerator: n, denominator: d, value: d ? n / d : null };
  });

const unit = (
  unitId: number,
  name: string,
  cases: number,
  completion: [number, number],
  sat: [number, number],
) =>
  ({
    unitId,
    name,
    cases,
    figures: rates({ on_time_completion: completion, satisfaction: sat, overdue_now: [1, null] }),
  }) satisfies UnitFigures;

function input(over: Partial<AnnualReportInput> = {}): AnnualReportInput {
  return {
    year: 2026,
    period: PERIOD,
    region: { code: '440305', name: '南山区' },
    issuingBody: '南山区信访局',
    byChannel: table(
      'channel',
      [
        row('letter', '来信', fig(2000), fig(2500)),
        row('visit', '来访', fig(1200, 3100, 1200, 3100, 40, 420), fig(1500, 3500, 1500, 3500, 40, 400)),
        row('web', '网上信访', fig(9145, 9700), fig(6000)),
        row('phone', '来电', fig(0), fig(0)),
      ],
      TOTAL,
    ),
    byLevel: table(
      'level',
      [
        row('township', '乡镇（街道）', fig(0), fig(0)),
        row('county', '县（区）', fig(12000, 14500), fig(9800)),
        row('city', '市', fig(345, 500), fig(200)),
      ],
      TOTAL,
    ),
    byCategory: table(
      'category1',
      [
        row('urban_construction', '城乡建设', fig(5000), fig(4000)),
        row('labour_social_security', '劳动和社会保障', fig(3000), fig(3000)),
        row('uncategorised', '未分类', fig(2345), fig(0)),
        row('land', '国土资源', fig(1000), fig(1250)),
        row('health', '卫生健康', fig(500), fig(0)),
        row('transport', '交通运输', fig(300), fig(100)),
        row('education', '教育', fig(200), fig(100)),
        row('environment', '生态环境', fig(0), fig(50)),
      ],
      TOTAL,
    ),
    annual: {
      period: { from: '2022-01-01', to: '2026-12-31' },
      region: { code: '440305', name: '南山区' },
      rows: [2022, 2023, 2024, 2025, 2026].map((year) => ({
        year,
        period: { from: `${year}-01-01`, to: `${year}-12-31` },
        cases: year === 2026 ? 12345 : 9000 + year - 2022,
        people: 11000,
        countyCollectiveBatches: 3,
        countyCollectivePeople: 30,
        cityVisitBatches: 5,
        cityVisitPeople: 12,
        provinceVisitCases: 2,
        provinceVisitPeople: 4,
        nationalVisitCases: 1,
        nationalVisitPeople: 1,
      })),
      generatedAt: new Date('2027-01-05T02:00:00Z'),
    },
    indicators: {
      period: PERIOD,
      region: { code: '440305', name: '南山区' },
      unitId: null,
      category: null,
      figures: rates({
        on_time_acceptance: [980, 1000],
        on_time_completion: [1850, 2000],
        satisfaction: [900, 1000],
        overdue_now: [7, null],
        backlog: [3, null],
      }),
      generatedAt: new Date('2027-01-05T02:00:00Z'),
    },
    hotIssues: {
      items: [
        { name: '桃源小区电梯停运', matters: 23, people: 18, units: ['南山区住房和建设局'] },
        { name: '某科技公司欠薪', matters: 11, people: 40, units: [] },
      ],
      matters: 12345,
      truncated: false,
      cap: 20000,
    },
    units: [
      unit(1, '南山区住房和建设局', 5000, [900, 1000], [80, 100]),
      unit(2, '南山区人力资源局', 3000, [950, 1000], [70, 100]),
      unit(3, '南头街道办事处', 800, [950, 1000], [90, 100]),
      unit(4, '南山区教育局', 10, [0, 0], [0, 0]),
    ],
    unitLimit: 20,
    generatedAt: new Date('2027-01-05T02:00:00Z'),
    ...over,
  };
}

const tableOf = (c: AnnualReportContent, caption: string): ReportTable => {
  for (const s of c.sections)
    for (const b of s.blocks) if (b.kind === 'table' && b.table.caption.includes(caption)) return b.table;
  throw new Error(`no table ${caption}`);
};
const paragraphs = (c: AnnualReportContent, heading: string) =>
  c.sections
    .find((s) => s.heading.includes(heading))!
    .blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('figures as a report prints them', () => {
  it('writes counts with thousands separators, rates with one decimal, changes signed', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatRate(0.12345)).toBe('12.3%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
    expect(formatChange(0.2345)).toBe('+23.5%');
    expect(formatChange(-0.2)).toBe('-20.0%');
    expect(formatChange(-0.00001)).toBe('0.0%');
    expect(formatChange(null)).toBe('—');
    expect(changeInWords(12345, 10000)).toBe('同比上升23.5%');
    expect(changeInWords(1200, 1500)).toBe('同比下降20.0%');
    expect(changeInWords(40, 40)).toBe('与上年同期持平');
    expect(changeInWords(5, 0)).toBe('上年同期为零');
  });
});

describe('the annual report’s content', () => {
  const c = annualReportContent(input());

  it('is titled with the region and the year, dated and signed by the bureau', () => {
    expect(c.title).toBe('南山区2026年信访工作统计报告');
    expect(c.subtitle).toContain('2026年1月1日至2026年12月31日');
    expect(c.issuingBody).toBe('南山区信访局');
    expect(c.date).toBe('2027年1月5日');
    expect(c.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、近五年信访总量',
      '三、主要问题',
      '四、程序性指标',
      '五、承办单位排名',
      '六、工作开展情况及下一步打算',
    ]);
  });

  it('opens with the totals, visits and collective visits against last year, and the channels by share', () => {
    const [text] = paragraphs(c, '总体情况');
    expect(text).toContain(
      '2026年，南山区共登记信访事项12,345件次、15,000人次，件次同比上升23.5%，人次同比上升25.0%（上年同期10,000件次、12,000人次）。',
    );
    expect(text).toContain(
      '来访1,200批次、3,100人次，批次同比下降20.0%；集体访40批次、420人次，批次与上年同期持平。',
    );
    // Largest channel first; a channel with nothing is left out of the sentence.
    expect(text).toContain(
      '从信访渠道看，网上信访9,145件次（占74.1%），来信2,000件次（占16.2%），来访1,200件次（占9.7%）。',
    );
    expect(text).not.toContain('来电');
    expect(text).toContain('在县（区）级登记12,000件次，在市级登记345件次');
  });

  it('tables the volume by channel and by level with last year and the signed change, and a total row', () => {
    const t = tableOf(c, '按信访渠道');
    expect(t.header[1]!.map((h) => h.text)).toEqual(['本期', '上年同期', '同比', '本期', '上年同期', '同比']);
    expect(t.rows[0]).toEqual(['来信', '2,000', '2,500', '-20.0%', '2,000', '2,500', '-20.0%']);
    expect(t.rows.find((r) => r[0] === '来电')).toEqual(['来电', '0', '0', '—', '0', '0', '—']);
    expect(t.rows.at(-1)).toEqual(['合计', '12,345', '10,000', '+23.5%', '15,000', '12,000', '+25.0%']);
    expect(tableOf(c, '按登记层级').rows.map((r) => r[0])).toEqual([
      '乡镇（街道）级',
      '县（区）级',
      '市级',
      '合计',
    ]);
  });

  it('lists five years in the annual table', () => {
    const t = tableOf(c, '2022—2026年信访总量');
    expect(t.rows.map((r) => r[0])).toEqual(['2022', '2023', '2024', '2025', '2026']);
    expect(t.rows.at(-1)).toEqual(['2026', '12,345', '11,000', '3', '30', '5', '12', '2', '4', '1', '1']);
    expect(paragraphs(c, '近五年')[0]).toContain('分别为9,000、9,001、9,002、9,003、12,345件次');
  });

  it('names the five largest categories with their share and change, leaving out the uncategorised', () => {
    const t = tableOf(c, '问题分类');
    expect(t.rows.map((r) => r[1])).toEqual([
      '城乡建设',
      '劳动和社会保障',
      '国土资源',
      '卫生健康',
      '交通运输',
    ]);
    expect(t.rows[0]).toEqual(['1', '城乡建设', '5,000', '40.5%', '4,000', '+25.0%']);
    expect(t.rows[3]).toEqual(['4', '卫生健康', '500', '4.1%', '0', '—']);
    expect(t.notes[0]).toContain('另有未分类事项2,345件次');
    const text = paragraphs(c, '主要问题')[0]!;
    expect(text).toContain(
      '城乡建设5,000件次（占40.5%，同比上升25.0%）；劳动和社会保障3,000件次（占24.3%，与上年同期持平）',
    );
    expect(text).toContain('合计占信访总量的79.4%');
  });

  it('lists the hot issues with their matters and people', () => {
    const t = tableOf(c, '热点问题');
    expect(t.rows).toEqual([
      ['1', '桃源小区电梯停运', '23', '18', '南山区住房和建设局'],
      ['2', '某科技公司欠薪', '11', '40', '—'],
    ]);
    expect(paragraphs(c, '主要问题')[1]).toContain('识别出热点问题2个');
  });

  it('says so when the hot issues could not be computed, or none were found', () => {
    const none = annualReportContent(input({ hotIssues: null }));
    expect(paragraphs(none, '主要问题')[1]).toContain('本期热点问题未计算');
    expect(() => tableOf(none, '热点问题')).toThrow();
    const empty = annualReportContent(
      input({ hotIssues: { items: [], matters: 3, truncated: false, cap: 20000 } }),
    );
    expect(paragraphs(empty, '主要问题')[1]).toContain('未发现涉及多件信访事项的热点问题');
  });

  it('tables every indicator with numerator, denominator and rate, and their definitions as notes', () => {
    const t = tableOf(c, '程序性指标');
    expect(t.rows).toHaveLength(INDICATORS.length);
    expect(t.rows[1]).toEqual(['按期办结率', '1,850', '2,000', '92.5%']);
    expect(t.rows.find((r) => r[0]?.startsWith('当前超期'))).toEqual(['当前超期（件）', '7', '—', '—']);
    expect(t.notes.some((n) => n.startsWith('2. 按期办结率：分子：在办理期限'))).toBe(true);
    const text = paragraphs(c, '程序性指标')[0]!;
    expect(text).toContain('及时受理率98.0%，按期办结率92.5%，满意率90.0%');
    // A rate with nothing to divide by is not quoted as a figure.
    expect(text).not.toContain('参评率');
    expect(text).toContain('当前超期7件，积案3件');
  });

  it('ranks units by on-time completion, then satisfaction, a unit with nothing due last', () => {
    const t = tableOf(c, '承办单位排名');
    expect(t.rows.map((r) => r[1])).toEqual([
      '南头街道办事处',
      '南山区人力资源局',
      '南山区住房和建设局',
      '南山区教育局',
    ]);
    expect(t.rows[0]).toEqual(['1', '南头街道办事处', '800', '95.0%（950/1000）', '90.0%（90/100）', '1']);
    expect(t.rows[3]![3]).toBe('—（0/0）');
    expect(rankUnits([]).length).toBe(0);
  });

  it('ends with the sections the bureau writes itself, as hints in editable paragraphs', () => {
    const last = c.sections.at(-1)!;
    expect(
      last.blocks.filter((b) => b.kind === 'subheading').map((b) => b.kind === 'subheading' && b.text),
    ).toEqual(['（一）主要工作措施', '（二）存在的问题', '（三）下一步工作打算']);
    expect(last.blocks.filter((b) => b.kind === 'fill')).toHaveLength(3);
  });

  it('reports a running year up to today against the same days of last year', () => {
    const running = annualReportContent(
      input({
        period: { from: '2026-01-01', to: '2026-03-02' },
        byChannel: { ...input().byChannel, previousPeriod: { from: '2025-01-01', to: '2025-03-02' } },
      }),
    );
    expect(paragraphs(running, '总体情况')[0]).toMatch(/^2026年1月1日至3月2日，南山区/);
    expect(tableOf(running, '按信访渠道').notes[0]).toContain('上年同期：2025年1月1日至3月2日');
  });
});

describe('the annual report as DOCX', () => {
  it('is a Word document holding the title, the figures and the tables', async () => {
    const docx = await buildAnnualReportDocx(annualReportContent(input()));
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('南山区2026年信访工作统计报告');
    expect(text).toContain('12,345');
    expect(text).toContain('城乡建设');
    expect(text).toContain('满意率');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(7);
    // The merged header cells of the volume tables: 件次 over three columns, 项目 over two rows.
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('仿宋_GB2312');
  });
});
