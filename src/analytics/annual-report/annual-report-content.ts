/**
 * The annual petition statistics report (年度信访工作统计报告, issue 12 item 6) as plain data: the
 * headings, the paragraphs written from the figures, the tables and their notes. Pure — figures
 * in, text out, no database, no clock — so what the report says is tested without opening a DOCX;
 * annual-report-docx.ts lays it out as an editable Word document.
 */
import { chineseDate } from '../../documents/notice-content.ts';
import { INDICATOR_DEFINITIONS, COUNT_INDICATORS } from '../../shared/stats-definitions.ts';
import {
  yearOnYear,
  type AnnualTable,
  type IndicatorFigure,
  type IndicatorSet,
  type VolumeRow,
  type VolumeTable,
} from '../../shared/stats.schema.ts';
import type { Period } from '../period.ts';

/** A heading cell: its text and how many columns or rows it covers. */
export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export interface ReportTable {
  caption: string;
  header: HeaderCell[][];
  /** Every cell as the text printed: the bureau edits a report, it does not recompute it. */
  rows: string[][];
  /** Relative widths of the columns. */
  widths: number[];
  /** Columns of words (aligned left); the others hold figures, or a rank or a year in the first. */
  textColumns: number[];
  notes: string[];
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; table: ReportTable }
  /** An empty paragraph for the bureau to write, with a hint of what goes there. */
  | { kind: 'fill'; hint: string };

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

export interface AnnualReportContent {
  title: string;
  /** Under the title: the period, the data scope and when the figures were read. */
  subtitle: string;
  sections: ReportSection[];
  issuingBody: string;
  date: string;
}

/** One hot issue as the report lists it. */
export interface HotIssueLine {
  name: string;
  matters: number;
  people: number;
  units: string[];
}

export interface HotIssuesSummary {
  items: HotIssueLine[];
  /** Matters read; when `truncated`, only the newest `cap` of the year were. */
  matters: number;
  truncated: boolean;
  cap: number;
}

/** A handling unit's figures for the ranking. */
export interface UnitFigures {
  unitId: number;
  name: string;
  /** Matters it leads, received in the period. */
  cases: number;
  figures: IndicatorFigure[];
}

/** Everything the report is written from, gathered by annual-report.service.ts. */
export interface AnnualReportInput {
  year: number;
  /** The year, cut at today while it runs. */
  period: Period;
  region: { code: string; name: string };
  issuingBody: string;
  byChannel: VolumeTable;
  byLevel: VolumeTable;
  byCategory: VolumeTable;
  /** The annual table of the five years up to the year. */
  annual: AnnualTable;
  indicators: IndicatorSet;
  /** Null when the hot issues could not be computed. */
  hotIssues: HotIssuesSummary | null;
  units: UnitFigures[];
  /** How many units the ranking is limited to. */
  unitLimit: number;
  generatedAt: Date;
}

/** How many categories 主要问题 lists. */
export const TOP_CATEGORIES = 5;

const HEADING_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1234567 → '1,234,567'. */
export const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 0.1234 → '12.3%'; null (nothing to divide by) → '—'. */
export function formatRate(r: number | null): string {
  if (r === null) return '—';
  return `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/** A year-on-year change as a signed percentage: '+12.3%', '-4.0%', '0.0%'; '—' without last year. */
export function formatChange(r: number | null): string {
  if (r === null) return '—';
  const v = Math.round(r * 1000) / 10;
  if (v === 0) return '0.0%';
  return `${v > 0 ? '+' : '-'}${Math.abs(v).toFixed(1)}%`;
}

/** The change in words, as a report's paragraph says it: 同比上升12.3% / 同比下降4.0% / 与上年同期持平. */
export function changeInWords(current: number, previous: number): string {
  const r = yearOnYear(current, previous);
  if (r === null) return current === 0 ? '上年同期亦无' : '上年同期为零';
  const v = Math.round(r * 1000) / 10;
  if (v === 0) return '与上年同期持平';
  return `同比${v > 0 ? '上升' : '下降'}${Math.abs(v).toFixed(1)}%`;
}

/** '2026年' for a whole year, '2026年1月1日至3月2日' for a part of one. */
export function periodInWords(year: number, p: Period): string {
  if (p.from === `${year}-01-01` && p.to === `${year}-12-31`) return `${year}年`;
  return `${chineseDate(p.from)}至${chineseDate(p.to).slice(5)}`;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The levels as a report names where a matter was lodged. */
const LEVEL_WORDS: Record<string, string> = {
  township: '乡镇（街道）级',
  county: '县（区）级',
  city: '市级',
  province: '省级',
  national: '国家级',
};
const levelWords = (r: VolumeRow) => LEVEL_WORDS[r.key ?? ''] ?? r.label;

/** The volume by one dimension: 件次 and 人次, each with the same days of last year and the change. */
function volumeByTable(
  caption: string,
  first: string,
  t: VolumeTable,
  notes: string[],
  labelOf: (r: VolumeRow) => string = (r) => r.label,
): ReportTable {
  const cells = (r: VolumeRow, label: string) => [
    label,
    formatCount(r.cases),
    formatCount(r.previous.cases),
    formatChange(yearOnYear(r.cases, r.previous.cases)),
    formatCount(r.people),
    formatCount(r.previous.people),
    formatChange(yearOnYear(r.people, r.previous.people)),
  ];
  return {
    caption,
    header: [
      [
        { text: first, rowSpan: 2 },
        { text: '件次', colSpan: 3 },
        { text: '人次', colSpan: 3 },
      ],
      [
        { text: '本期' },
        { text: '上年同期' },
        { text: '同比' },
        { text: '本期' },
        { text: '上年同期' },
        { text: '同比' },
      ],
    ],
    rows: [...t.rows.map((r) => cells(r, labelOf(r))), cells(t.total, '合计')],
    widths: [2.4, 1.3, 1.3, 1.2, 1.3, 1.3, 1.2],
    textColumns: [0],
    notes,
  };
}

function overview(input: AnnualReportInput): ReportBlock[] {
  const t = input.byChannel.total;
  const p = t.previous;
  const when = periodInWords(input.year, input.period);
  const sentences = [
    `${when}，${input.region.name}共登记信访事项${formatCount(t.cases)}件次、${formatCount(t.people)}人次，` +
      `件次${changeInWords(t.cases, p.cases)}，人次${changeInWords(t.people, p.people)}` +
      `（上年同期${formatCount(p.cases)}件次、${formatCount(p.people)}人次）。`,
    `其中，来访${formatCount(t.visitBatches)}批次、${formatCount(t.visitPeople)}人次，批次${changeInWords(
      t.visitBatches,
      p.visitBatches,
    )}；集体访${formatCount(t.collectiveBatches)}批次、${formatCount(t.collectivePeople)}人次，批次${changeInWords(
      t.collectiveBatches,
      p.collectiveBatches,
    )}。`,
  ];
  const channels = input.byChannel.rows.filter((r) => r.cases > 0).sort((a, b) => b.cases - a.cases);
  if (channels.length > 0)
    sentences.push(
      `从信访渠道看，${channels
        .map((r) => `${r.label}${formatCount(r.cases)}件次（占${formatRate(share(r.cases, t.cases))}）`)
        .join('，')}。`,
    );
  const levels = input.byLevel.rows.filter((r) => r.cases > 0);
  if (levels.length > 0)
    sentences.push(
      `从登记层级看，${levels.map((r) => `在${levelWords(r)}登记${formatCount(r.cases)}件次`).join('，')}。`,
    );
  const blocks: ReportBlock[] = [{ kind: 'paragraph', text: sentences.join('') }];
  const prevWhen = periodInWords(input.year - 1, input.byChannel.previousPeriod);
  const note = `上年同期：${prevWhen}。同比 =（本期 − 上年同期）÷ 上年同期；上年同期为零时不计算，记为“—”。`;
  blocks.push(
    {
      kind: 'table',
      table: volumeByTable('表1  信访总量（按信访渠道）', '信访渠道', input.byChannel, [note]),
    },
    {
      kind: 'table',
      table: volumeByTable(
        '表2  信访总量（按登记层级）',
        '登记层级',
        input.byLevel,
        ['登记层级指信访人提出信访事项、登记受理的机关所在层级。'],
        levelWords,
      ),
    },
  );
  return blocks;
}

function fiveYears(input: AnnualReportInput): ReportBlock[] {
  const rows = input.annual.rows;
  if (rows.length === 0) return [];
  const last = rows[rows.length - 1]!;
  const partial = last.period.to !== `${last.year}-12-31`;
  const text =
    `${rows[0]!.year}年至${last.year}年，${input.region.name}信访总量分别为` +
    `${rows.map((r) => formatCount(r.cases)).join('、')}件次，` +
    `${rows.map((r) => formatCount(r.people)).join('、')}人次` +
    (partial ? `（${last.year}年截至${chineseDate(last.period.to).slice(5)}）` : '') +
    '。';
  const pair = (a: number, b: number) => [formatCount(a), formatCount(b)];
  return [
    { kind: 'paragraph', text },
    {
      kind: 'table',
      table: {
        caption: `表3  ${rows[0]!.year}—${last.year}年信访总量`,
        header: [
          [
            { text: '年度', rowSpan: 2 },
            { text: '信访总量', colSpan: 2 },
            { text: '县级集体访', colSpan: 2 },
            { text: '赴市访', colSpan: 2 },
            { text: '赴省访', colSpan: 2 },
            { text: '进京访', colSpan: 2 },
          ],
          [
            { text: '件次' },
            { text: '人次' },
            { text: '批次' },
            { text: '人次' },
            { text: '批次' },
            { text: '人次' },
            { text: '件次' },
            { text: '人次' },
            { text: '件次' },
            { text: '人次' },
          ],
        ],
        rows: rows.map((r) => [
          r.period.to === `${r.year}-12-31` ? `${r.year}` : `${r.year}*`,
          ...pair(r.cases, r.people),
          ...pair(r.countyCollectiveBatches, r.countyCollectivePeople),
          ...pair(r.cityVisitBatches, r.cityVisitPeople),
          ...pair(r.provinceVisitCases, r.provinceVisitPeople),
          ...pair(r.nationalVisitCases, r.nationalVisitPeople),
        ]),
        widths: [1.1, 1.2, 1.2, 1, 1, 1, 1, 1, 1, 1, 1],
        textColumns: [],
        notes: [
          '县级集体访为在县（区）级登记的集体访；赴市访、赴省访、进京访按来访登记层级统计。',
          ...(partial ? [`* ${last.year}年数据截至${chineseDate(last.period.to)}。`] : []),
        ],
      },
    },
  ];
}

function categories(input: AnnualReportInput): ReportBlock[] {
  const total = input.byCategory.total.cases;
  const ranked = input.byCategory.rows
    .filter((r) => r.key !== 'uncategorised' && r.cases > 0)
    .slice(0, TOP_CATEGORIES);
  const blocks: ReportBlock[] = [{ kind: 'subheading', text: '（一）信访问题分类' }];
  if (ranked.length === 0) {
    blocks.push({ kind: 'paragraph', text: '本期未登记已分类的信访事项。' });
    return blocks;
  }
  const topShare = share(
    ranked.reduce((s, r) => s + r.cases, 0),
    total,
  );
  blocks.push({
    kind: 'paragraph',
    text:
      `从反映的问题看，排在前${ranked.length}位的是：` +
      ranked
        .map(
          (r) =>
            `${r.label}${formatCount(r.cases)}件次（占${formatRate(share(r.cases, total))}，${changeInWords(
              r.cases,
              r.previous.cases,
            )}）`,
        )
        .join('；') +
      `，合计占信访总量的${formatRate(topShare)}。`,
  });
  const uncategorised = input.byCategory.rows.find((r) => r.key === 'uncategorised')?.cases ?? 0;
  blocks.push({
    kind: 'table',
    table: {
      caption: `表4  信访问题分类前${ranked.length}位`,
      header: [
        [
          { text: '位次' },
          { text: '问题分类' },
          { text: '件次' },
          { text: '占总量' },
          { text: '上年同期' },
          { text: '同比' },
        ],
      ],
      rows: ranked.map((r, i) => [
        String(i + 1),
        r.label,
        formatCount(r.cases),
        formatRate(share(r.cases, total)),
        formatCount(r.previous.cases),
        formatChange(yearOnYear(r.cases, r.previous.cases)),
      ]),
      widths: [0.8, 3, 1.3, 1.2, 1.3, 1.2],
      textColumns: [1],
      notes: [
        '按一级问题分类统计，以信访事项登记时确定的分类为准。' +
          (uncategorised > 0 ? `另有未分类事项${formatCount(uncategorised)}件次。` : ''),
      ],
    },
  });
  return blocks;
}

function hotIssues(input: AnnualReportInput): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'subheading', text: '（二）热点问题' }];
  const h = input.hotIssues;
  if (h === null) {
    blocks.push({
      kind: 'paragraph',
      text: '本报告生成时未能进行热点问题分析，本期热点问题未计算，可在系统“热点问题”页面查看后补充。',
    });
    return blocks;
  }
  if (h.items.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `经对本期${formatCount(h.matters)}件信访事项进行文本聚类分析，未发现涉及多件信访事项的热点问题。`,
    });
    return blocks;
  }
  blocks.push({
    kind: 'paragraph',
    text:
      `经对本期${formatCount(h.matters)}件信访事项进行文本聚类分析，识别出热点问题${h.items.length}个，主要有：` +
      h.items
        .slice(0, 3)
        .map((i) => `${i.name}（${formatCount(i.matters)}件、${formatCount(i.people)}人）`)
        .join('；') +
      '。',
  });
  blocks.push({
    kind: 'table',
    table: {
      caption: '表5  热点问题',
      header: [
        [
          { text: '序号' },
          { text: '热点问题' },
          { text: '事项（件）' },
          { text: '信访人（人）' },
          { text: '主要承办单位' },
        ],
      ],
      rows: h.items.map((i, n) => [
        String(n + 1),
        i.name,
        formatCount(i.matters),
        formatCount(i.people),
        i.units.slice(0, 2).join('、') || '—',
      ]),
      widths: [0.8, 3.4, 1.2, 1.2, 2.6],
      textColumns: [1, 4],
      notes: [
        '热点问题指反映同一具体对象（小区、企业、项目、政策等）的一组信访事项，由系统按文本相似度和具名实体归并；信访人按不同信访人计。' +
          (h.truncated
            ? `本期事项超过${formatCount(h.cap)}件，仅分析了最近收到的${formatCount(h.cap)}件。`
            : ''),
      ],
    },
  });
  return blocks;
}

const ratio = (f: IndicatorFigure) =>
  f.denominator === null
    ? formatCount(f.numerator)
    : `${formatRate(f.value)}（${f.numerator}/${f.denominator}）`;

function indicators(input: AnnualReportInput): ReportBlock[] {
  const figures = input.indicators.figures;
  const rates = figures.filter((f) => f.value !== null);
  const counts = figures.filter((f) => f.denominator === null);
  const text =
    (rates.length > 0
      ? `本期，${rates
          .map((f) => `${INDICATOR_DEFINITIONS[f.indicator].label.zh}${formatRate(f.value)}`)
          .join('，')}。`
      : '本期各项程序性指标均无应计事项。') +
    (counts.length > 0
      ? `截至报告生成时，${counts
          .map((f) => `${INDICATOR_DEFINITIONS[f.indicator].label.zh}${formatCount(f.numerator)}件`)
          .join('，')}。`
      : '');
  return [
    { kind: 'paragraph', text },
    {
      kind: 'table',
      table: {
        caption: '表6  程序性指标',
        header: [[{ text: '指标' }, { text: '分子' }, { text: '分母' }, { text: '比率' }]],
        rows: figures.map((f) => [
          INDICATOR_DEFINITIONS[f.indicator].label.zh +
            (COUNT_INDICATORS.includes(f.indicator) ? '（件）' : ''),
          formatCount(f.numerator),
          f.denominator === null ? '—' : formatCount(f.denominator),
          formatRate(f.value),
        ]),
        widths: [3.2, 1.5, 1.5, 1.5],
        textColumns: [0],
        notes: [
          '指标口径：',
          ...figures.map(
            (f, i) =>
              `${i + 1}. ${INDICATOR_DEFINITIONS[f.indicator].label.zh}：${INDICATOR_DEFINITIONS[f.indicator].definition.zh}`,
          ),
          ...(counts.length > 0
            ? [
                `${counts.map((f) => INDICATOR_DEFINITIONS[f.indicator].label.zh).join('、')}为报告生成时的实时数，不受统计期间限制。`,
              ]
            : []),
        ],
      },
    },
  ];
}

const valueOf = (u: UnitFigures, k: IndicatorFigure['indicator']) =>
  u.figures.find((f) => f.indicator === k)?.value ?? null;

/**
 * Units ranked by 按期办结率, then 满意率 (higher first); a unit without that figure (nothing due,
 * nothing rated) after those with one; then by matters, then by name, so the order is total.
 */
export function rankUnits(units: UnitFigures[]): UnitFigures[] {
  const desc = (a: number | null, b: number | null) =>
    a === null && b === null ? 0 : a === null ? 1 : b === null ? -1 : b - a;
  return [...units].sort(
    (a, b) =>
      desc(valueOf(a, 'on_time_completion'), valueOf(b, 'on_time_completion')) ||
      desc(valueOf(a, 'satisfaction'), valueOf(b, 'satisfaction')) ||
      b.cases - a.cases ||
      a.name.localeCompare(b.name, 'zh-Hans-CN') ||
      a.unitId - b.unitId,
  );
}

function unitRanking(input: AnnualReportInput): ReportBlock[] {
  if (input.units.length === 0) return [{ kind: 'paragraph', text: '本期没有承办信访事项的单位。' }];
  const ranked = rankUnits(input.units);
  const fig = (u: UnitFigures, k: IndicatorFigure['indicator']) => {
    const f = u.figures.find((x) => x.indicator === k);
    return f ? ratio(f) : '—';
  };
  const best = ranked[0]!;
  return [
    {
      kind: 'paragraph',
      text:
        `本期共有${ranked.length}个单位承办信访事项` +
        (ranked.length >= input.unitLimit ? `（列承办件次最多的${input.unitLimit}个）` : '') +
        `。依按期办结率、满意率排序，${best.name}位列第一，按期办结率${formatRate(
          valueOf(best, 'on_time_completion'),
        )}，满意率${formatRate(valueOf(best, 'satisfaction'))}。`,
    },
    {
      kind: 'table',
      table: {
        caption: '表7  承办单位排名',
        header: [
          [
            { text: '排名' },
            { text: '承办单位' },
            { text: '承办件次' },
            { text: '按期办结率' },
            { text: '满意率' },
            { text: '当前超期' },
          ],
        ],
        rows: ranked.map((u, i) => [
          String(i + 1),
          u.name,
          formatCount(u.cases),
          fig(u, 'on_time_completion'),
          fig(u, 'satisfaction'),
          fig(u, 'overdue_now'),
        ]),
        widths: [0.8, 3, 1.1, 1.9, 1.9, 1.1],
        textColumns: [1],
        notes: [
          '承办件次为本期收到、由该单位主办的信访事项；比率后括号内为分子/分母。' +
            '依按期办结率由高到低排序，相同的按满意率排序；无应办结事项的单位列后。',
        ],
      },
    },
  ];
}

const FILL_IN: { heading: string; hint: string }[] = [
  { heading: '（一）主要工作措施', hint: '（请填写本年度开展信访工作的主要措施和成效。）' },
  { heading: '（二）存在的问题', hint: '（请填写信访工作中存在的主要问题及原因分析。）' },
  { heading: '（三）下一步工作打算', hint: '（请填写下一年度的工作思路和具体举措。）' },
];

/** The report's text and tables from its figures. */
export function annualReportContent(input: AnnualReportInput): AnnualReportContent {
  const sections: { heading: string; blocks: ReportBlock[] }[] = [
    { heading: '总体情况', blocks: overview(input) },
    { heading: '近五年信访总量', blocks: fiveYears(input) },
    { heading: '主要问题', blocks: [...categories(input), ...hotIssues(input)] },
    { heading: '程序性指标', blocks: indicators(input) },
    { heading: '承办单位排名', blocks: unitRanking(input) },
    {
      heading: '工作开展情况及下一步打算',
      blocks: FILL_IN.flatMap((f): ReportBlock[] => [
        { kind: 'subheading', text: f.heading },
        { kind: 'fill', hint: f.hint },
      ]),
    },
  ];
  const p = input.period;
  return {
    title: `${input.region.name}${input.year}年信访工作统计报告`,
    subtitle:
      `（统计期间：${chineseDate(p.from)}至${chineseDate(p.to)}；` +
      `数据范围：${input.region.name}，本单位可查看的信访事项；数据生成于${chineseDate(
        input.generatedAt.toISOString(),
      )}）`,
    sections: sections.map((s, i) => ({ heading: `${HEADING_NUMBERS[i]}、${s.heading}`, blocks: s.blocks })),
    issuingBody: input.issuingBody,
    date: chineseDate(input.generatedAt.toISOString()),
  };
}
