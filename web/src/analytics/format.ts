import { yearOnYear } from '../../../src/shared/stats.schema.ts';
import type { Lang } from '../i18n/i18n.tsx';

/** A count with the thousands separator of the language. */
export const fmtCount = (n: number, lang: Lang) => n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');

/** A signed change in per cent, one decimal (+12.5%, −3.0%, 0.0%); a dash when last year had nothing. */
export function fmtChange(current: number, previous: number): string {
  const r = yearOnYear(current, previous);
  if (r === null) return '—';
  const pct = Math.abs(r * 100).toFixed(1);
  if (pct === '0.0') return '0.0%';
  return `${r > 0 ? '+' : '\u2212'}${pct}%`;
}

/** A rate in per cent, one decimal; a dash when there was nothing to count. */
export const fmtRate = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
