import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  beijingWallClock,
  columnWidth,
  dayAsDate,
  metaLines,
  type CellValue,
  type ColumnType,
  type TableSpec,
} from './table.ts';

/** Rows in one worksheet, the limit of Excel (2007 and later); the rest go on to another sheet. */
export const XLSX_MAX_ROWS = 1_048_576;
/** The longest text a cell holds in Excel. */
const MAX_CELL_CHARS = 32_767;
/** How far rows may run ahead of the compressor, in bytes of worksheet XML, before writing waits. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

// One shared style object per kind: exceljs recognises a style object it has seen (a WeakMap)
// instead of serialising a fresh one for each cell, which was a fifth of the time per row.
const NUM_FMT: Record<ColumnType, string | undefined> = {
  text: undefined,
  integer: '0',
  decimal: '0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};
const DATA_STYLES: Record<ColumnType, Partial<ExcelJS.Style>> = {
  text: {},
  integer: { numFmt: NUM_FMT.integer! },
  decimal: { numFmt: NUM_FMT.decimal! },
  percent: { numFmt: NUM_FMT.percent! },
  date: { numFmt: NUM_FMT.date! },
  datetime: { numFmt: NUM_FMT.datetime! },
};
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  border: { top: thin, left: thin, bottom: thin, right: thin },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
};
const TITLE_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, size: 14 },
  alignment: { vertical: 'middle', horizontal: 'left' },
};

export interface XlsxOptions {
  /** Rows per worksheet (title block and header included); Excel's limit unless a test lowers it. */
  maxSheetRows?: number;
}

/**
 * Writes the table to `out` as an XLSX workbook with exceljs's streaming writer: each row is
 * committed (serialised and handed to the zip compressor) as it comes, so memory stays flat
 * whatever the number of rows. Resolves once `out` has finished; the caller owns `out` on failure.
 */
export async function writeXlsx<R>(
  out: Writable,
  spec: TableSpec<R>,
  opts: XlsxOptions = {},
): Promise<number> {
  const maxSheetRows = opts.maxSheetRows ?? XLSX_MAX_ROWS;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    // Level 1: on two cores, default deflate (6) was the slowest stage of a 1,000,000-row export
    // (20 s against 15 s per 400,000 rows) for a file a few per cent smaller.
    zip: { zlib: { level: 1 } },
  });
  workbook.creator = 'Minsheng 民声';
  workbook.created = spec.meta.exportedAt;
  // A failure of the zip or of `out` (a full disk, a client gone) ends the export at the next row,
  // or ends the wait for the end of the file.
  const state: { failure: Error | null } = { failure: null };
  let rejectFailed: (err: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => undefined);
  const fail = (err: unknown) => {
    state.failure ??= err instanceof Error ? err : new Error(String(err));
    rejectFailed(state.failure);
  };
  const zip = (workbook as unknown as { zip: Zip }).zip;
  zip.on('error', fail);
  out.on('error', fail);
  out.on('close', () => {
    if (!out.writableFinished) fail(new Error('the export was abandoned: its output closed before the end'));
  });

  const columns = spec.columns;
  const styles = columns.map((c) => DATA_STYLES[c.type]);
  const lines = metaLines(spec.meta);
  const headerRow = lines.length + 2;
  const baseName = sheetName(spec.sheetName ?? spec.title);
  let sheetIndex = 0;
  let sheet = openSheet();
  let sheetRow = headerRow;
  let written = 0;

  function openSheet() {
    sheetIndex += 1;
    const name = sheetIndex === 1 ? baseName : sheetName(`${baseName}（${sheetIndex}）`);
    const ws = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
    });
    ws.columns = columns.map((c) => ({ width: columnWidth(c) }));
    const title = ws.getRow(1);
    title.getCell(1).value = spec.title;
    title.getCell(1).style = TITLE_STYLE;
    title.height = 24;
    if (columns.length > 1) ws.mergeCells(1, 1, 1, columns.length);
    title.commit();
    lines.forEach((line, i) => {
      const row = ws.getRow(i + 2);
      row.getCell(1).value = `${line.label}：${line.value}`;
      if (columns.length > 1) ws.mergeCells(i + 2, 1, i + 2, columns.length);
      row.commit();
    });
    const header = ws.getRow(headerRow);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.style = HEADER_STYLE;
    });
    header.commit();
    return ws;
  }

  function closeSheet() {
    if (sheetRow > headerRow)
      sheet.autoFilter = {
        from: { row: headerRow, column: 1 },
        to: { row: sheetRow, column: columns.length },
      };
    sheet.commit();
  }

  try {
    for await (const record of spec.rows) {
      if (state.failure) throw state.failure;
      if (sheetRow >= maxSheetRows) {
        closeSheet();
        sheet = openSheet();
        sheetRow = headerRow;
      }
      sheetRow += 1;
      const row = sheet.getRow(sheetRow);
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i]!;
        const value = cellValue(column.type, record[column.key] as CellValue);
        if (value === null) continue;
        const cell = row.getCell(i + 1);
        cell.value = value;
        cell.style = styles[i]!;
      }
      row.commit();
      written += 1;
      if (written % 500 === 0) await keepPace(sheet, out, () => state.failure);
    }
    if (state.failure) throw state.failure;
    closeSheet();
    await Promise.race([workbook.commit(), failed]);
    return written;
  } catch (err) {
    // Nothing more may reach `out`: ending the zip now would end `out` with half a workbook that
    // looks whole to whoever reads it. The caller destroys `out`.
    zip.unpipe(out);
    zip.abort();
    throw err;
  }
}

interface Zip extends NodeJS.EventEmitter {
  unpipe(destination: Writable): void;
  abort(): void;
}

function cellValue(type: ColumnType, value: CellValue): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'text': {
      const text = String(value);
      return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
    }
    case 'integer':
    case 'decimal':
    case 'percent':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return dayAsDate(value as string | Date);
    case 'datetime':
      return beijingWallClock(value instanceof Date ? value : new Date(value));
  }
}

/** A worksheet name: at most 31 characters, none of []:*?/\ (Excel refuses them). */
function sheetName(name: string): string {
  return [...name.replace(/[[\]:*?/\\]/g, '_')].slice(0, 31).join('') || 'Sheet1';
}

interface PendingStream {
  _writableState?: { length: number };
  once(event: string, fn: () => void): unknown;
  removeListener(event: string, fn: () => void): unknown;
}

/**
 * exceljs writes each committed row into the compressor's input without heeding backpressure: left
 * alone, a million rows pile up there as uncompressed XML (600 bytes a row) faster than deflate
 * takes them. So every few hundred rows the writer looks at that input (the PassThrough exceljs's
 * worksheet stream pipes into, from readable-stream 2, which has no public `writableLength`) and
 * waits for it to drain while it holds more than a few megabytes. It drains as fast as `out`
 * accepts the zip, so a slow download slows the database reads instead of filling memory. If `out`
 * closes first (the client went away), the wait ends with an error.
 */
async function keepPace(sheet: ExcelJS.Worksheet, out: Writable, failed: () => Error | null): Promise<void> {
  // The reader of the file is slow: wait for it (the compressor does not wait for its output, so
  // its own input draining says nothing about whether anyone reads the file).
  if (out.writableNeedDrain) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        out.removeListener('close', onClose);
        resolve();
      };
      const onClose = () => {
        out.removeListener('drain', onDrain);
        reject(failed() ?? new Error('the export was abandoned: its output closed before the end'));
      };
      out.once('drain', onDrain);
      out.once('close', onClose);
      if (out.destroyed) onClose();
    });
  }
  const input = (sheet as unknown as { stream?: { pipes?: PendingStream[] } }).stream?.pipes?.[0];
  const pending = input?._writableState?.length;
  if (!input || pending === undefined || pending < MAX_PENDING_BYTES) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      input.removeListener('drain', onDrain);
      out.removeListener('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () =>
      done(failed() ?? new Error('the export was abandoned: its output closed before the end'));
    input.once('drain', onDrain);
    out.once('close', onClose);
    if (out.destroyed) onClose();
  });
}
