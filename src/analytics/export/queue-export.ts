import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import type { StaffUser } from '../../auth/staff-user.ts';
import type { Db } from '../../db/database.ts';
import { DEFAULT_TIME_ZONE } from '../../calendar/zoned.ts';
import { badgeColumn } from '../../deadlines/badge.sql.ts';
import { filteredMatters, MatterListQuery, queueOrder } from '../../lifecycle/matter.queries.ts';
import { CHANNEL_LABELS, label, PURPOSE_LABELS, STATE_LABELS, type Labels } from '../../shared/labels.ts';
import type { Badge } from '../../shared/api.schema.ts';
import { INDICATOR_DEFINITIONS } from '../../shared/stats-definitions.ts';
import { exportFileName, TABLE_FORMATS, type TableColumn, type TableSpec } from './table.ts';

/** The queue's query (its filters, sort and order; not its paging) and the file's format. */
export const QueueExportQuery = MatterListQuery.omit({ page: true, pageSize: true }).extend({
  format: z.enum(TABLE_FORMATS).default('xlsx'),
});
export type QueueExportQuery = z.output<typeof QueueExportQuery>;

/** Matters read per database round trip. */
export const EXPORT_PAGE_ROWS = 2_000;

/** The queue's deadline badges as the workbench shows them (web/src/i18n). */
const BADGE_LABELS: Labels<Badge> = {
  on_time: { zh: '期限内', en: 'On time' },
  warning: { zh: '临近期限', en: 'Due soon' },
  overdue: { zh: '已超期', en: 'Overdue' },
};

export interface QueueExportRow {
  caseNumber: string;
  registeredOn: string;
  channel: string;
  purpose: string;
  category: string | null;
  region: string | null;
  subject: string;
  state: string;
  leadUnit: string | null;
  dueDate: string | null;
  badge: string | null;
  headCount: number;
  collective: string;
  misconduct: string;
}

/** The queue's columns, with labels, never codes. No petitioner appears: the queue shows none. */
export const QUEUE_EXPORT_COLUMNS: readonly TableColumn<QueueExportRow>[] = [
  { key: 'caseNumber', header: '案件编号', headerEn: 'Case number', type: 'text', width: 24 },
  { key: 'registeredOn', header: '登记日期', headerEn: 'Registered on', type: 'date' },
  { key: 'channel', header: '渠道', headerEn: 'Channel', type: 'text', width: 12 },
  { key: 'purpose', header: '目的', headerEn: 'Purpose', type: 'text', width: 10 },
  { key: 'category', header: '类别', headerEn: 'Category', type: 'text', width: 16 },
  { key: 'region', header: '地区', headerEn: 'Region', type: 'text', width: 16 },
  { key: 'subject', header: '标题', headerEn: 'Subject', type: 'text', width: 44 },
  { key: 'state', header: '状态', headerEn: 'State', type: 'text', width: 12 },
  { key: 'leadUnit', header: '承办单位', headerEn: 'Handling unit', type: 'text', width: 24 },
  { key: 'dueDate', header: '期限', headerEn: 'Due date', type: 'date' },
  { key: 'badge', header: '期限状态', headerEn: 'Deadline', type: 'text', width: 10 },
  { key: 'headCount', header: '人数', headerEn: 'People', type: 'integer', width: 8 },
  { key: 'collective', header: '集体访', headerEn: 'Collective', type: 'text', width: 8 },
  { key: 'misconduct', header: '检举控告', headerEn: 'Misconduct report', type: 'text', width: 10 },
];

export interface QueueExport {
  spec: TableSpec<QueueExportRow>;
  /** 信访事项清单_20260302-0900.xlsx, and an ASCII name for old clients. */
  fileName: string;
  asciiFileName: string;
}

/**
 * The queue as a table to export: the same filter, data scope and order as GET /api/matters
 * (lifecycle/matter.queries.ts), every matching row rather than a page, read from `ctx.readDb`
 * (the replica when there is one) in keyset pages of {@link EXPORT_PAGE_ROWS} as the file is
 * written. The first page is read before this resolves, so a bad filter or a failing database is
 * an ordinary error answer, not a broken download.
 *
 * The pages are separate statements, not one snapshot (holding a transaction for a whole export
 * would hold PGlite's only connection): a matter that changes while the file is written shows as
 * its page read it, and no matter is listed twice or skipped for having moved in the order, since
 * each page starts after the last key of the one before.
 */
export async function openQueueExport(
  ctx: AppContext,
  user: StaffUser,
  q: QueueExportQuery,
  opts: { pageRows?: number } = {},
): Promise<QueueExport> {
  const now = ctx.clock();
  const db = ctx.readDb;
  const pages = readPages(db, user, q, now, opts.pageRows ?? EXPORT_PAGE_ROWS);
  const first = await pages.next();
  async function* rows(): AsyncGenerator<QueueExportRow> {
    try {
      if (first.done) return;
      yield* first.value;
      for await (const page of pages) yield* page;
    } finally {
      // The file's writer stopped early (a failure, a client gone): no further page is read.
      await pages.return(undefined);
    }
  }
  const title = '信访事项清单';
  return {
    spec: {
      title,
      meta: {
        scope: `${user.unit.name}可查看的信访事项`,
        exportedAt: now,
        lines: [
          { label: '筛选条件', value: await describeFilter(db, q) },
          { label: '导出人', value: `${user.displayName}（${user.unit.name}）` },
        ],
      },
      columns: QUEUE_EXPORT_COLUMNS,
      rows: rows(),
    },
    fileName: exportFileName(title, now, q.format),
    asciiFileName: exportFileName('minsheng-matters', now, q.format),
  };
}

type PageRow = Awaited<ReturnType<typeof readPage>>[number];

/** The pages of the export, each read while the previous one is being written. */
async function* readPages(db: Db, user: StaffUser, q: QueueExportQuery, now: Date, pageRows: number) {
  // The open main deadline is joined as `d` for every sort: the file shows its day and badge.
  const base = await filteredMatters(db, user, q, now, true);
  let next: Promise<PageRow[]> | null = readPage(base, q, now, null, pageRows);
  while (next) {
    const page: PageRow[] = await next;
    const last = page.at(-1);
    next = page.length === pageRows && last ? readPage(base, q, now, last, pageRows) : null;
    // A page read ahead and never consumed must not end as an unhandled rejection.
    next?.catch(() => undefined);
    yield page.map(toRow);
  }
}

type QueueBase = Awaited<ReturnType<typeof filteredMatters>>;

async function readPage(
  base: QueueBase,
  q: QueueExportQuery,
  now: Date,
  after: PageKey | null,
  pageRows: number,
) {
  return base
    .leftJoin('categories as c', 'c.code', 'm.category_code')
    .leftJoin('regions as r', 'r.code', 'm.region_code')
    .leftJoin('matter_units as mu', (j) =>
      j.onRef('mu.matter_id', '=', 'm.id').on('mu.role', '=', 'lead').on('mu.released_at', 'is', null),
    )
    .leftJoin('units as u', 'u.id', 'mu.unit_id')
    .select([
      'm.id',
      'm.case_number',
      'm.channel',
      'm.purpose',
      'm.state',
      'm.subject',
      'm.head_count',
      'm.is_collective',
      'm.is_misconduct_report',
      'c.name_zh as category_name',
      'r.name as region_name',
      'u.name as lead_unit_name',
      // Days and the badge come from the database as text: parsing three timestamps a row into
      // Dates was a tenth of the export's time in Node.
      sql<string>`to_char(m.registered_at AT TIME ZONE ${DEFAULT_TIME_ZONE}, 'YYYY-MM-DD')`.as(
        'registered_on',
      ),
      sql<string | null>`d.due_date`.as('due_date'),
      badgeColumn(now).as('badge'),
      // The sort key as text: a timestamptz has microseconds, which a JavaScript Date would
      // round away, and a page would then start before or after its real last key.
      sqlKey(q).as('sort_key'),
    ])
    .$if(after !== null, (qb) => qb.where(afterKey(q, after!)))
    .orderBy(queueOrder(q))
    .limit(pageRows)
    .execute();
}

interface PageKey {
  id: number;
  sort_key: string | null;
}

function sqlKey(q: QueueExportQuery): RawBuilder<string | null> {
  if (q.sort === 'case_number') return sql<string>`m.case_number`;
  if (q.sort === 'due_at') return sql<string | null>`d.due_at::text`;
  return sql<string>`m.registered_at::text`;
}

/**
 * The keyset condition "after this row" in the queue's order (lifecycle queueOrder): by
 * (registered_at, id), by case number (unique), or by due date with the undated last, then id.
 */
function afterKey(q: QueueExportQuery, last: PageKey): RawBuilder<boolean> {
  const op = sql.raw(q.order === 'asc' ? '>' : '<');
  if (q.sort === 'case_number') return sql<boolean>`m.case_number ${op} ${last.sort_key}`;
  if (q.sort === 'due_at')
    return last.sort_key === null
      ? sql<boolean>`(d.due_at IS NULL AND m.id ${op} ${last.id})`
      : sql<boolean>`(d.due_at ${op} ${last.sort_key}::timestamptz
          OR (d.due_at = ${last.sort_key}::timestamptz AND m.id ${op} ${last.id})
          OR d.due_at IS NULL)`;
  return sql<boolean>`(m.registered_at, m.id) ${op} (${last.sort_key}::timestamptz, ${last.id})`;
}

function toRow(r: PageRow): QueueExportRow {
  return {
    caseNumber: r.case_number,
    registeredOn: r.registered_on,
    channel: label(CHANNEL_LABELS, r.channel).zh,
    purpose: label(PURPOSE_LABELS, r.purpose).zh,
    category: r.category_name,
    region: r.region_name,
    subject: r.subject,
    state: label(STATE_LABELS, r.state).zh,
    leadUnit: r.lead_unit_name,
    dueDate: r.due_date,
    badge: r.badge ? BADGE_LABELS[r.badge].zh : null,
    headCount: r.head_count,
    collective: r.is_collective ? '是' : '否',
    misconduct: r.is_misconduct_report ? '是' : '否',
  };
}

/** The filter in words for the title block, e.g. 状态：办理中；渠道：来访; 全部 when there is none. */
async function describeFilter(db: Db, q: QueueExportQuery): Promise<string> {
  const parts: string[] = [];
  if (q.state) parts.push(`状态：${label(STATE_LABELS, q.state).zh}`);
  if (q.channel) parts.push(`渠道：${label(CHANNEL_LABELS, q.channel).zh}`);
  if (q.purpose) parts.push(`目的：${label(PURPOSE_LABELS, q.purpose).zh}`);
  if (q.categoryCode) {
    const c = await db
      .selectFrom('categories')
      .select('name_zh')
      .where('code', '=', q.categoryCode)
      .executeTakeFirst();
    parts.push(`类别：${c?.name_zh ?? q.categoryCode}`);
  }
  if (q.regionCode) {
    const r = await db
      .selectFrom('regions')
      .select('name')
      .where('code', '=', q.regionCode)
      .executeTakeFirst();
    parts.push(`地区：${r?.name ?? q.regionCode}`);
  }
  if (q.mine === 'unit') parts.push('本单位登记或承办');
  if (q.deadline) parts.push(`期限：${BADGE_LABELS[q.deadline].zh}`);
  if (q.q) parts.push(`关键词：${q.q}`);
  if (q.indicator) {
    const part = q.part === 'denominator' ? '分母' : '分子';
    const period = q.from && q.to ? `，${q.from} 至 ${q.to}` : '';
    parts.push(`指标：${INDICATOR_DEFINITIONS[q.indicator].label.zh}（${part}${period}）`);
  }
  const order = { registered_at: '登记时间', due_at: '期限', case_number: '案件编号' }[q.sort];
  return `${parts.length > 0 ? parts.join('；') : '全部'}（按${order}${q.order === 'asc' ? '升序' : '降序'}）`;
}
