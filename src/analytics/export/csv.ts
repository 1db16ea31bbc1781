import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { formatDate, formatDateTime, type CellValue, type ColumnType, type TableSpec } from './table.ts';

/*
 * Written by hand: the only CSV library in node_modules is fast-csv, a dependency of exceljs rather
 * than ours, and it has no guard against formula injection; RFC 4180 quoting is a dozen lines.
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Text handed to the output at a time. */
const CHUNK_CHARS = 64 * 1024;

/**
 * One field, quoted as RFC 4180 asks (a comma, quote, CR or LF inside: the field in double quotes,
 * quotes doubled). A text that Excel or WPS would run as a formula (starting with = + - @, or a tab
 * or CR that some versions skip before one) gets a leading apostrophe, as OWASP advises: a
 * petitioner's subject must never become a formula on a clerk's machine.
 */
export function csvField(value: string, guard: boolean): string {
  const safe = guard && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvValue(type: ColumnType, value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'text':
      return csvField(String(value), true);
    case 'integer':
    case 'decimal':
      return String(value);
    case 'percent':
      // Excel reads "85.33%" as the number 0.8533 shown as a percentage.
      return typeof value === 'number' && Number.isFinite(value) ? `${+(value * 100).toFixed(2)}%` : '';
    case 'date':
      return formatDate(value as string | Date);
    case 'datetime':
      return formatDateTime(value instanceof Date ? value : new Date(value));
  }
}

/**
 * Writes the table to `out` as CSV for Excel: UTF-8 with a byte order mark (without it Excel on a
 * Chinese Windows reads the file as GBK), CRLF line ends, one header row of the Chinese headers,
 * then one line per row. The title block is left out so that the file stays one rectangular table
 * that Excel, WPS and any CSV reader take as it is; the period, scope and time of export are in the
 * XLSX and in the file name. Honours backpressure and ends `out`; the caller owns `out` on failure.
 */
export async function writeCsv<R>(out: Writable, spec: TableSpec<R>): Promise<number> {
  const columns = spec.columns;
  let chunk = BOM + columns.map((c) => csvField(c.header, true)).join(',') + CRLF;
  let written = 0;
  const flush = async () => {
    if (out.destroyed) throw new Error('the export was abandoned: its output closed before the end');
    const ok = out.write(chunk);
    chunk = '';
    if (!ok) await drained(out);
  };
  for await (const record of spec.rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      if (i > 0) line += ',';
      line += csvValue(column.type, record[column.key] as CellValue);
    }
    chunk += line + CRLF;
    written += 1;
    if (chunk.length >= CHUNK_CHARS) await flush();
  }
  await flush();
  out.end();
  // Rejects if `out` fails or is destroyed before everything written has been flushed.
  await finished(out, { readable: false });
  return written;
}

/** Resolves on 'drain', fails if the output errs or closes first. */
async function drained(out: Writable): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: ac.signal }),
      once(out, 'close', { signal: ac.signal }).then(() => {
        throw new Error('the export was abandoned: its output closed before the end');
      }),
    ]);
  } finally {
    ac.abort();
  }
}
