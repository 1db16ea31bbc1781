import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents } from '../audit/event-log.ts';
import { scorecard } from '../analytics/scorecard.ts';
import { resolveStatsScope } from '../analytics/stats-scope.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { localDateOf } from '../calendar/zoned.ts';
import { AppError, fieldError, forbidden, notFound } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { CorrectScorecardInput, FreezeScorecardInput } from '../shared/assessment.schema.ts';
import { canFreezeScorecard } from '../workflow/case-policy.ts';
import { scorecardStream, snapshotHash, snapshotOf, type FrozenSnapshot } from './frozen-scorecard.ts';

type Staff = { kind: 'staff'; user: StaffUser };

const who = (u: StaffUser): FrozenSnapshot['frozenBy'] => ({
  id: u.id,
  name: u.displayName,
  unitId: u.unit.id,
  unitName: u.unit.name,
});

/** The year's scorecard of the region as the statistics compute it now, with the year's targets. */
async function compute(ctx: AppContext, user: StaffUser, year: number, regionCode: string, path: string) {
  const scope = await resolveStatsScope(ctx.db, user, regionCode, path);
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  return scorecard(ctx.db, scope, { period, category: null, year }, ctx.clock());
}

/**
 * 年度考核结果封存: at the year end the bureau freezes the region's scorecard of the year — the
 * ranked rows with their figures, targets, points and scores, and the weights — as a snapshot with
 * its SHA-256, written with an event in the hash chain that repeats the hash. Once per year and
 * region (409 after); a mistake is put right by a correction, never by editing.
 */
export async function freezeScorecard(ctx: AppContext, actor: Staff, body: unknown) {
  const input = parseOrThrow(FreezeScorecardInput, body);
  const user = actor.user;
  const regionCode = input.scope ?? user.unit.regionCode;
  if (!canFreezeScorecard(user, regionCode))
    throw forbidden(
      '只有本地区信访部门的督查人员可以封存考核结果',
      'Only a supervisor of the region’s bureau may freeze its scorecard',
    );
  if (localDateOf(ctx.clock()) <= `${input.year}-12-31`)
    throw fieldError(
      'year',
      `${input.year}年度尚未结束，年度终了后方可封存`,
      `${input.year} is not over yet`,
    );
  const card = await compute(ctx, user, input.year, regionCode, 'scope');
  return withTransaction(ctx, async (tx) => {
    const first = await tx.db
      .selectFrom('frozen_scorecards')
      .select('id')
      .where('year', '=', input.year)
      .where('region_code', '=', regionCode)
      .where('supersedes_id', 'is', null)
      .executeTakeFirst();
    if (first)
      throw new AppError(
        'conflict',
        `${card.region.name}${input.year}年度考核结果已封存，不能再次封存；如需更正，请提交更正`,
        `The ${input.year} scorecard of ${card.region.name} is already frozen: file a correction instead`,
        [],
        { frozenId: first.id },
      );
    const at = tx.clock();
    const snapshot = snapshotOf(card, { at, by: who(user) });
    const sha256 = snapshotHash(snapshot);
    const row = await tx.db
      .insertInto('frozen_scorecards')
      .values({
        year: input.year,
        region_code: regionCode,
        snapshot: JSON.stringify(snapshot),
        sha256,
        frozen_by: user.id,
        frozen_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(
      tx.db,
      { stream: scorecardStream(input.year, regionCode), matterId: null },
      { kind: 'staff', userId: user.id, unitId: user.unit.id },
      [
        {
          kind: 'scorecard_frozen',
          at,
          payload: { id: row.id, year: input.year, region: regionCode, sha256, units: card.rows.length },
        },
      ],
    );
    return { id: row.id, sha256 };
  });
}

/**
 * A correction: the scorecard of the same year and region computed again from the record as it
 * stands (after the mistake was put right there), as a NEW snapshot naming the one it supersedes;
 * both are kept and hashed, and the event cites both hashes. Only the latest may be corrected.
 */
export async function correctScorecard(ctx: AppContext, actor: Staff, id: number, body: unknown) {
  const input = parseOrThrow(CorrectScorecardInput, body);
  const user = actor.user;
  const old = await ctx.db
    .selectFrom('frozen_scorecards')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!old || !canFreezeScorecard(user, old.region_code))
    throw notFound('封存的考核结果', 'Frozen scorecard');
  const card = await compute(ctx, user, old.year, old.region_code, 'scope');
  return withTransaction(ctx, async (tx) => {
    const later = await tx.db
      .selectFrom('frozen_scorecards')
      .select('id')
      .where('supersedes_id', '=', id)
      .executeTakeFirst();
    if (later)
      throw new AppError(
        'conflict',
        `该考核结果已由第${later.id}号更正取代，请在最新结果上更正`,
        `This scorecard was superseded by correction ${later.id}: correct the latest one`,
        [],
        { frozenId: later.id },
      );
    const at = tx.clock();
    const snapshot = snapshotOf(card, { at, by: who(user) }, { id, sha256: old.sha256 }, input.reason);
    const sha256 = snapshotHash(snapshot);
    const row = await tx.db
      .insertInto('frozen_scorecards')
      .values({
        year: old.year,
        region_code: old.region_code,
        supersedes_id: id,
        reason: input.reason,
        snapshot: JSON.stringify(snapshot),
        sha256,
        frozen_by: user.id,
        frozen_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(
      tx.db,
      { stream: scorecardStream(old.year, old.region_code), matterId: null },
      { kind: 'staff', userId: user.id, unitId: user.unit.id },
      [
        {
          kind: 'scorecard_corrected',
          at,
          payload: {
            id: row.id,
            supersedesId: id,
            sha256,
            previousSha256: old.sha256,
            reason: input.reason,
          },
        },
      ],
    );
    return { id: row.id, sha256 };
  });
}

/** What any attempt to edit a frozen scorecard in place is told. */
export const frozenIsFinal = () =>
  new AppError(
    'conflict',
    '封存的考核结果不可修改；如需更正，请提交更正（POST /api/scorecards/{id}/corrections），原结果与更正结果均予保留',
    'A frozen scorecard is never edited: file a correction (POST /api/scorecards/{id}/corrections); both are kept',
  );
