import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents, type Actor } from '../audit/event-log.ts';
import type { Trx } from '../audit/event-log.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import {
  DEFAULT_SCORECARD_WEIGHTS,
  RATE_INDICATORS,
  ScorecardWeightsSchema,
  UnitTargetsInput,
  type RateIndicator,
  type ScorecardWeights,
  type UnitTargets,
} from '../shared/stats.schema.ts';

/**
 * The scorecard's configuration: the weights (app_settings 'scorecard_weights', the published
 * default when none are stored) and each unit's targets per year (unit_targets, migration 0020),
 * entered by administrators or written by a unit's responsibility letter (issue 14), which then owns
 * them. Every change writes an event in its transaction: the system stream's for the administrators',
 * the letter's own stream for the letter's.
 */

const WEIGHTS_KEY = 'scorecard_weights';

/** The weights in force: stored ones, checked against the schema, or the published default. */
export async function readScorecardWeights(db: Db): Promise<ScorecardWeights> {
  const row = await db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', WEIGHTS_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_SCORECARD_WEIGHTS;
  const parsed = ScorecardWeightsSchema.safeParse(row.value);
  // Only this module writes the key, through the same schema: a value that fails it was edited by
  // hand, and scoring with a guess would rank units wrongly without anyone noticing.
  if (!parsed.success)
    throw new AppError(
      'internal',
      '评分权重配置无效，请管理员重新保存',
      'The stored scorecard weights are invalid; an administrator must save them again',
    );
  return parsed.data;
}

export async function saveScorecardWeights(
  ctx: AppContext,
  actor: Actor,
  body: unknown,
): Promise<ScorecardWeights> {
  const input = parseOrThrow(ScorecardWeightsSchema, body);
  await withTransaction(ctx, async ({ db }) => {
    const before = await db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', WEIGHTS_KEY)
      .forUpdate()
      .executeTakeFirst();
    await db
      .insertInto('app_settings')
      .values({ key: WEIGHTS_KEY, value: JSON.stringify(input) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input) }))
      .execute();
    await appendEvents(db, { stream: 'system', matterId: null }, actor, [
      {
        kind: 'scorecard_weights_changed',
        at: ctx.clock(),
        payload: { before: before?.value ?? null, after: input },
      },
    ]);
  });
  return input;
}

type TargetRow = { unit_id: number; indicator: string; target: string | number };

function targetsOf(rows: readonly TargetRow[]): Map<number, Partial<Record<RateIndicator, number>>> {
  const out = new Map<number, Partial<Record<RateIndicator, number>>>();
  for (const r of rows) {
    if (!(RATE_INDICATORS as readonly string[]).includes(r.indicator)) continue;
    const t = out.get(r.unit_id) ?? {};
    t[r.indicator as RateIndicator] = Number(r.target);
    out.set(r.unit_id, t);
  }
  return out;
}

/** Each unit's targets for the year (only units that have some), as ratios 0..1. */
export async function readUnitTargets(
  db: Db,
  year: number,
): Promise<Map<number, Partial<Record<RateIndicator, number>>>> {
  const rows = await db
    .selectFrom('unit_targets')
    .select(['unit_id', 'indicator', 'target'])
    .where('year', '=', year)
    .execute();
  return targetsOf(rows);
}

/** GET /api/admin/unit-targets: the units with a target in the year, by unit id. */
export async function listUnitTargets(db: Db, year: number, unitId?: number): Promise<UnitTargets[]> {
  let q = db
    .selectFrom('unit_targets as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.unit_id', 'u.name', 't.indicator', 't.target', 't.updated_at', 't.updated_by'])
    .where('t.year', '=', year);
  if (unitId !== undefined) q = q.where('t.unit_id', '=', unitId);
  const rows = await q.orderBy('t.unit_id').orderBy('t.indicator').execute();
  const targets = targetsOf(rows);
  const items = new Map<number, UnitTargets>();
  for (const r of rows) {
    const item = items.get(r.unit_id) ?? {
      unitId: r.unit_id,
      unitName: r.name,
      year,
      targets: targets.get(r.unit_id) ?? {},
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    };
    if (item.updatedAt === null || new Date(r.updated_at) > new Date(item.updatedAt)) {
      item.updatedAt = r.updated_at;
      item.updatedBy = r.updated_by;
    }
    items.set(r.unit_id, item);
  }
  return [...items.values()];
}

/**
 * PUT /api/admin/unit-targets/:unitId/:year: sets each indicator the body names and clears each
 * one given as null; the others stay as they are. All or nothing, in one transaction. Answers the
 * unit's targets for the year as stored afterwards.
 */
export async function saveUnitTargets(
  ctx: AppContext,
  actor: Actor,
  unitId: number,
  year: number,
  body: unknown,
): Promise<UnitTargets> {
  const input = parseOrThrow(UnitTargetsInput, body);
  return withTransaction(ctx, async ({ db }) => {
    const unit = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', '=', unitId)
      .executeTakeFirst();
    if (!unit) throw notFound('单位', 'Unit');
    const fromLetter = await db
      .selectFrom('unit_targets')
      .select('letter_case_id')
      .where('unit_id', '=', unitId)
      .where('year', '=', year)
      .where('letter_case_id', 'is not', null)
      .executeTakeFirst();
    // Issue 14: once a responsibility letter is issued, it is the one source of the year's targets.
    if (fromLetter)
      throw new AppError(
        'conflict',
        `该单位${year}年度的目标来自信访工作责任书，请修订责任书`,
        `The unit's targets for ${year} come from its responsibility letter: amend the letter`,
        [],
        { letterId: fromLetter.letter_case_id },
      );
    const at = ctx.clock();
    const set = Object.entries(input.targets).filter((e): e is [RateIndicator, number] => e[1] !== null);
    const cleared = Object.entries(input.targets)
      .filter(([, v]) => v === null)
      .map(([k]) => k);
    if (cleared.length > 0)
      await db
        .deleteFrom('unit_targets')
        .where('unit_id', '=', unitId)
        .where('year', '=', year)
        .where('indicator', 'in', cleared)
        .execute();
    if (set.length > 0)
      await db
        .insertInto('unit_targets')
        .values(
          set.map(([indicator, target]) => ({
            unit_id: unitId,
            year,
            indicator,
            target,
            updated_by: actor.userId!,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['unit_id', 'year', 'indicator']).doUpdateSet((eb) => ({
            target: eb.ref('excluded.target'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    await appendEvents(db, { stream: 'system', matterId: null }, actor, [
      { kind: 'unit_targets_changed', at, payload: { unitId, year, targets: input.targets } },
    ]);
    const [saved] = await listUnitTargets(db, year, unitId);
    return saved ?? { unitId, unitName: unit.name, year, targets: {}, updatedAt: null, updatedBy: null };
  });
}

/**
 * A responsibility letter's targets become the unit's targets for its year (issue 14): they replace
 * whatever the unit had for that year, an administrator's entries included, and name the letter, so
 * the scorecard compares against what was issued and the administrators' form refuses to change them.
 * Runs in the letter command's transaction, which writes the letter's event.
 */
export async function writeLetterTargets(
  trx: Trx,
  letter: { caseId: number; unitId: number; year: number; by: number; at: Date },
  targets: readonly { indicator: RateIndicator; target: number }[],
): Promise<void> {
  await trx
    .deleteFrom('unit_targets')
    .where('unit_id', '=', letter.unitId)
    .where('year', '=', letter.year)
    .execute();
  if (targets.length === 0) return;
  await trx
    .insertInto('unit_targets')
    .values(
      targets.map((t) => ({
        unit_id: letter.unitId,
        year: letter.year,
        indicator: t.indicator,
        target: t.target,
        updated_by: letter.by,
        updated_at: letter.at,
        letter_case_id: letter.caseId,
      })),
    )
    .execute();
}

/** A withdrawn letter's targets are no longer the unit's. */
export async function clearLetterTargets(trx: Trx, caseId: number): Promise<void> {
  await trx.deleteFrom('unit_targets').where('letter_case_id', '=', caseId).execute();
}
