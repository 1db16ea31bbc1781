import type { Selectable } from 'kysely';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { notFound } from '../errors/app-error.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import type { FrozenScorecard } from '../shared/assessment.schema.ts';
import { canFreezeScorecard } from '../workflow/case-policy.ts';
import type { FrozenScorecardsTable } from './assessment.tables.ts';
import { snapshotHash, type FrozenSnapshot } from './frozen-scorecard.ts';

type Row = Selectable<FrozenScorecardsTable>;

/**
 * Who reads a frozen scorecard: the units answering for its region or a region above it read it
 * whole; any other unit located in its region reads its own row only (its rank among its peers).
 */
function readable(user: StaffUser, row: Row): 'whole' | 'own' | null {
  if (hasRegionScope(user.unit) && row.region_code.startsWith(user.unit.regionCode)) return 'whole';
  return user.unit.regionCode.startsWith(row.region_code) ? 'own' : null;
}

function view(user: StaffUser, row: Row, supersededById: number | null): FrozenScorecard | null {
  const how = readable(user, row);
  if (!how) return null;
  const s = row.snapshot as FrozenSnapshot;
  return {
    id: row.id,
    year: row.year,
    region: s.region,
    period: s.period,
    weights: s.weights,
    sha256: row.sha256,
    intact: snapshotHash(row.snapshot) === row.sha256,
    frozenAt: row.frozen_at,
    frozenByName: s.frozenBy.name,
    supersedesId: row.supersedes_id,
    supersededById,
    reason: row.reason,
    rows: how === 'whole' ? s.rows : s.rows.filter((r) => r.unitId === user.unit.id),
  };
}

/** The frozen scorecards of a year the user may read, each with its rows ranked as frozen. */
export async function listFrozen(ctx: AppContext, user: StaffUser, year: number) {
  const rows = await ctx.db
    .selectFrom('frozen_scorecards')
    .selectAll()
    .where('year', '=', year)
    .orderBy('region_code')
    .orderBy('id')
    .execute();
  const next = new Map(rows.filter((r) => r.supersedes_id !== null).map((r) => [r.supersedes_id!, r.id]));
  return {
    year,
    items: rows.map((r) => view(user, r, next.get(r.id) ?? null)).filter((v) => v !== null),
    canFreeze: canFreezeScorecard(user, user.unit.regionCode),
  };
}

export async function getFrozen(ctx: AppContext, user: StaffUser, id: number): Promise<FrozenScorecard> {
  const row = await ctx.db
    .selectFrom('frozen_scorecards')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const later = await ctx.db
    .selectFrom('frozen_scorecards')
    .select('id')
    .where('supersedes_id', '=', id)
    .executeTakeFirst();
  const v = row ? view(user, row, later?.id ?? null) : null;
  if (!v) throw notFound('封存的考核结果', 'Frozen scorecard');
  return v;
}
