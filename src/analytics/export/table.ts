/**
 * The shape of an exported table (issue 12, item 5): a title block, typed columns and a stream of
 * rows. Every table, indicator view, scorecard and the queue is written through `writeTable`
 * (write-table.ts) as XLSX or CSV from one of these.
 */
import { isIsoDate, type IsoDate } from '../../calendar/dates.ts';
import { localDateOf } from '../../calendar/zoned.ts';

export const TABLE_FORMATS = ['xlsx', 'csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export const CONTENT_TYPES: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * How a column's values are written:
 * - `text`: a string cell (CSV: guarded against formula injection);
 * - `integer`: a number;
 * - `decimal`: a number shown with two decimals (a weighted score);
 * - `percent`: a ratio 0..1, a number shown as a percentage (0.853 → 85.3%);
 * - `date`: a day in Beijing time, given as `YYYY-MM-DD` or an instant (a real date cell in XLSX);
 * - `datetime`: an instant, shown as Beijing wall-clock time (a real date-time cell in XLSX).
 */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';

export type CellValue = string | number | Date | null | undefined;

export interface TableColumn<R> {
  /** The row field the column shows. */
  key: keyof R & string;
  /** The header as the bureau reads it (Chinese). */
  header: string;
  /** The header in English, for the API's description and English-language callers. */
  headerEn?: string;
  type: ColumnType;
  /** Width in characters (XLSX); a default by type when left out. */
  width?: number;
}

/** The title block above the header: what the table is, for which period and scope, and when. */
export interface TableMeta {
  /** 统计期间 (both days included); left out for a table that has none, such as the queue. */
  period?: { from: IsoDate; to: IsoDate } | null;
  /** 数据范围: the region or unit whose figures these are. */
  scope: string;
  /** 导出时间, written in Beijing time. */
  exportedAt: Date;
  /** Further lines, e.g. 筛选条件 or 导出人. */
  lines?: readonly { label: string; value: string }[];
}

export interface TableSpec<R> {
  /** The table's name, e.g. 信访事项清单; also the sheet's name unless `sheetName` is given. */
  title: string;
  sheetName?: string;
  meta: TableMeta;
  columns: readonly TableColumn<R>[];
  /** Read once, in order, as the file is written: an async generator of database pages streams. */
  rows: AsyncIterable<R> | Iterable<R>;
}

/** The lines of the title block under the title, in order. */
export function metaLines(meta: TableMeta): { label: string; value: string }[] {
  return [
    ...(meta.period ? [{ label: '统计期间', value: `${meta.period.from} 至 ${meta.period.to}` }] : []),
    { label: '数据范围', value: meta.scope },
    ...(meta.lines ?? []),
    { label: '导出时间', value: `${formatDateTime(meta.exportedAt)}（北京时间）` },
  ];
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * An instant as a Date whose UTC fields are the Beijing wall clock. Spreadsheet dates have no time
 * zone and exceljs writes a Date's UTC value, so this is what makes 09:00 in Beijing read 09:00
 * in the cell whatever the server's zone. (China has kept UTC+8 without DST since 1991.)
 */
export function beijingWallClock(instant: Date): Date {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS);
}

/** A day as a Date at UTC midnight of that day (a date-only cell). */
export function dayAsDate(value: IsoDate | Date): Date {
  const iso = value instanceof Date ? localDateOf(value) : value;
  const m = ISO_DAY.exec(iso);
  if (!m) throw new TypeError(`not a date: ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD HH:mm:ss` in Beijing time. */
export function formatDateTime(instant: Date): string {
  return beijingWallClock(instant).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD` in Beijing time; an ISO date is kept as it is. */
export function formatDate(value: IsoDate | Date): string {
  if (typeof value === 'string') {
    if (!isIsoDate(value)) throw new TypeError(`not a date: ${value}`);
    return value;
  }
  return localDateOf(value);
}

/** Default widths in characters; a Chinese character counts two. */
export function columnWidth(column: {
  header: string;
  type: ColumnType;
  width?: number | undefined;
}): number {
  if (column.width) return column.width;
  const header = [...column.header].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0) + 2;
  const byType: Record<ColumnType, number> = {
    text: 14,
    integer: 10,
    decimal: 10,
    percent: 10,
    date: 12,
    datetime: 19,
  };
  return Math.max(header, byType[column.type]);
}

/**
 * A file name for an export: the table's name, the local time of export and the extension, e.g.
 * 信访事项清单_20260302-0900.xlsx. Characters that no file system takes are replaced.
 */
export function exportFileName(title: string, exportedAt: Date, format: TableFormat): string {
  const stamp = formatDateTime(exportedAt).slice(0, 16).replace(/[-:]/g, '').replace(' ', '-');
  return `${title.replace(/[\\/:*?"<>|\s]+/g, '_')}_${stamp}.${format}`;
}

/**
 * The Content-Disposition of a download: `filename*` (RFC 5987/6266) carries the Chinese name,
 * `filename` an ASCII fallback for the few clients that do not read it.
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
