import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { writeCsv } from './csv.ts';
import type { TableFormat, TableSpec } from './table.ts';
import { writeXlsx, type XlsxOptions } from './xlsx.ts';

/** Where a table goes: a stream (an HTTP answer) or a file, in one of the formats. */
export type TableTarget = { format: TableFormat } & ({ stream: Writable } | { path: string });

/**
 * Writes a table as XLSX or CSV, reading its rows once as it goes (memory stays flat for a
 * million rows).
 *
 * - To a stream: on failure the stream is destroyed with the error, never ended, so that no reader
 *   takes half a file for a whole one (an HTTP download is cut off and the browser says so).
 * - To a file: atomically. The file is written beside the target under a temporary name and
 *   renamed to it only once complete and flushed; on any failure, a row iterator that throws
 *   half-way included, the temporary file is removed and the target is left as it was (absent,
 *   or the previous file).
 *
 * @example
 *   await writeTable({ format: 'xlsx', path: 'volume.xlsx' }, {
 *     title: '信访总量统计表',
 *     meta: { period: { from: '2026-01-01', to: '2026-03-31' }, scope: '深圳市南山区', exportedAt: new Date() },
 *     columns: [{ key: 'label', header: '渠道', type: 'text' }, { key: 'cases', header: '件次', type: 'integer' }],
 *     rows: table.rows,
 *   });
 * @returns the number of data rows written
 */
export async function writeTable<R>(
  target: TableTarget,
  spec: TableSpec<R>,
  opts: XlsxOptions = {},
): Promise<{ rows: number }> {
  const write = (out: Writable) =>
    target.format === 'xlsx' ? writeXlsx(out, spec, opts) : writeCsv(out, spec);
  if ('stream' in target) {
    try {
      return { rows: await write(target.stream) };
    } catch (err) {
      target.stream.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
  }
  return { rows: await writeFileAtomically(target.path, write) };
}

async function writeFileAtomically(path: string, write: (out: Writable) => Promise<number>) {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  // `flush`: the data reaches the disk before the rename makes the file visible under its name.
  const out = createWriteStream(temp, { flags: 'wx', flush: true });
  try {
    const rows = await write(out);
    if (!out.closed) await once(out, 'close');
    await rename(temp, path);
    return rows;
  } catch (err) {
    out.destroy();
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
}
