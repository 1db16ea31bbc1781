import type { AppContext } from '../../app/context.ts';
import type { StaffUser } from '../../auth/staff-user.ts';
import { localDateOf } from '../../calendar/index.ts';
import { fieldError } from '../../errors/app-error.ts';
import { HOT_ISSUE_MATTER_CAP, hotIssuesFor } from './hot-issues.ts';

/** Longest period of one hot-issue list. */
const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

function dayNumber(date: string, path: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw fieldError(path, `${date}不是有效日期`, `${date} is not a valid date`);
  }
  return t / DAY_MS;
}

/**
 * The hot-issue list of a period (default: the 30 days up to today in China) for the matters the
 * user may see; the period is refused when it runs backwards or is longer than a year, and the
 * answer says when the matter cap cut the period short.
 */
export async function hotIssuesReport(
  ctx: AppContext,
  user: StaffUser,
  query: { from?: string | undefined; to?: string | undefined; regionCode?: string | undefined; top: number },
) {
  const now = ctx.clock();
  const to = query.to ?? localDateOf(now);
  const toDay = dayNumber(to, 'querystring.to');
  const from = query.from ?? new Date((toDay - 29) * DAY_MS).toISOString().slice(0, 10);
  const fromDay = dayNumber(from, 'querystring.from');
  if (fromDay > toDay)
    throw fieldError('querystring.from', '开始日期不能晚于结束日期', 'from must not be after to');
  if (toDay - fromDay + 1 > MAX_PERIOD_DAYS) {
    throw fieldError(
      'querystring.from',
      `统计期间不能超过${MAX_PERIOD_DAYS}天`,
      `the period is at most ${MAX_PERIOD_DAYS} days`,
    );
  }
  const result = await hotIssuesFor(
    ctx.db,
    user,
    { from, to, regionCode: query.regionCode, top: query.top },
    { now },
  );
  return {
    from,
    to,
    ...result,
    ...(result.truncated
      ? {
          note_zh: `期间内事项超过${HOT_ISSUE_MATTER_CAP}件，仅统计最近收到的${HOT_ISSUE_MATTER_CAP}件`,
          note_en: `the period holds more than ${HOT_ISSUE_MATTER_CAP} matters; only the ${HOT_ISSUE_MATTER_CAP} received last were read`,
        }
      : {}),
  };
}
