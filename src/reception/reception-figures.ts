import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { localDateOf, startOfLocalDay } from '../calendar/index.ts';
import type { Database } from '../db/schema.ts';
import type { ReceptionFiguresSchema } from '../shared/reception.schema.ts';

export interface LeaderMonthCount {
  leaderId: number;
  leaderName: string;
  unitName: string;
  /** 1–12, local (Beijing) month of the session's start. */
  month: number;
  /** Sessions held (recorded) in the month. */
  sessions: number;
  people: number;
}

/**
 * Reception counts per leader per month: the sessions held (recorded after they took place) and
 * the people received, for sessions scheduled in a region subtree. A plain function over the
 * record, so a scorecard can reuse it (the seeds' "-2 if no reception records"); a cancelled or
 * unrecorded session counts nothing.
 */
export async function receptionCountsByLeaderMonth(
  db: Kysely<Database>,
  opts: { regionCode: string; year: number },
): Promise<LeaderMonthCount[]> {
  const rows = await db
    .selectFrom('reception_sessions as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .innerJoin('users as l', 'l.id', 's.leader_id')
    .innerJoin('units as n', 'n.id', 'l.unit_id')
    .select(['s.leader_id', 'l.display_name', 'n.name', 's.starts_at', 's.people_received'])
    .where('c.state', '=', 'held')
    .where('c.region_code', 'like', `${opts.regionCode}%`)
    .where('s.starts_at', '>=', startOfLocalDay(`${opts.year}-01-01`))
    .where('s.starts_at', '<', startOfLocalDay(`${opts.year + 1}-01-01`))
    .execute();
  const byKey = new Map<string, LeaderMonthCount>();
  for (const r of rows) {
    const month = Number(localDateOf(r.starts_at).slice(5, 7));
    const key = `${r.leader_id}:${month}`;
    const c = byKey.get(key) ?? {
      leaderId: r.leader_id,
      leaderName: r.display_name,
      unitName: r.name,
      month,
      sessions: 0,
      people: 0,
    };
    c.sessions += 1;
    c.people += r.people_received ?? 0;
    byKey.set(key, c);
  }
  return [...byKey.values()].sort((a, b) => a.leaderId - b.leaderId || a.month - b.month);
}

/** The figure as the staff page shows it: a row per leader, twelve months, in the user's region. */
export async function receptionFigures(
  ctx: AppContext,
  user: StaffUser,
  year: number,
): Promise<z.output<typeof ReceptionFiguresSchema>> {
  const counts = await receptionCountsByLeaderMonth(ctx.db, { regionCode: user.unit.regionCode, year });
  const leaders = new Map<number, z.output<typeof ReceptionFiguresSchema>['leaders'][number]>();
  for (const c of counts) {
    const l = leaders.get(c.leaderId) ?? {
      leaderId: c.leaderId,
      leaderName: c.leaderName,
      unitName: c.unitName,
      months: Array.from({ length: 12 }, () => ({ sessions: 0, people: 0 })),
      sessions: 0,
      people: 0,
    };
    l.months[c.month - 1] = { sessions: c.sessions, people: c.people };
    l.sessions += c.sessions;
    l.people += c.people;
    leaders.set(c.leaderId, l);
  }
  return { year, regionCode: user.unit.regionCode, leaders: [...leaders.values()] };
}
