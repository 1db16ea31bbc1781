/** Dates are shown in Beijing time, the time the law counts in. */
const TZ = 'Asia/Shanghai';

export function fmtDateTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export function fmtDate(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
}

/** Whole days from today (Beijing) to a YYYY-MM-DD due date; negative when overdue. */
export function daysUntil(dueDate: string, now = new Date()): number {
  const today = new Date(now.toLocaleDateString('en-CA', { timeZone: TZ }) + 'T00:00:00Z');
  const due = new Date(dueDate + 'T00:00:00Z');
  return Math.round((due.getTime() - today.getTime()) / 86_400_000);
}

export const fmtBytes = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
