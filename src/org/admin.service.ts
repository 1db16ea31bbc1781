import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { appendEvents, type Actor } from '../audit/event-log.ts';
import { AppError, fieldError, notFound } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { LAWFUL_CHANNELS, PURPOSES, UNIT_KINDS, UNIT_LEVELS } from '../shared/enums.ts';
import { id, isoDate, plain, text } from '../shared/schemas.ts';
import { withTransaction } from '../app/transaction.ts';

/**
 * Administration of configuration: time limits, calendar corrections, routing rules, units,
 * regions and categories. Every change writes an event on the system stream in its transaction.
 */
const LimitUnit = z.enum(['days', 'working_days', 'hours']);
export const TimeLimitInput = z
  .object({
    amount: z.number().int().min(1).max(3650),
    unit: LimitUnit,
    rollForward: z.boolean().default(true),
    warnAmount: z.number().int().min(0).max(365),
    warnUnit: LimitUnit,
  })
  .refine((v) => v.unit !== 'hours' || v.warnUnit === 'hours', {
    path: ['warnUnit'],
    params: { reason: 'hours_warning' },
  });

export const CalendarOverrideInput = z.object({
  date: isoDate,
  kind: z.enum(['workday', 'holiday']),
  name: text(50).optional(),
});

export const RoutingRuleInput = z.object({
  name: text(100),
  regionPrefix: z
    .string()
    .regex(/^[0-9]{0,15}$/)
    .default(''),
  categoryCode: plain(80).nullable().optional(),
  purpose: z.enum(PURPOSES).nullable().optional(),
  keywords: z.array(text(30)).max(30).default([]),
  action: z.enum(['assign', 'lawful_channel', 'discipline']),
  unitId: id.nullable().optional(),
  coUnitIds: z.array(id).max(10).default([]),
  lawfulChannel: z.enum(LAWFUL_CHANNELS).nullable().optional(),
  reasonZh: text(500),
  reasonEn: text(500),
  priority: z.number().int().min(-1000).max(1000).default(0),
  active: z.boolean().default(true),
});

/** 发文机关代字 (南山信访): printed in the unit's 文号; null clears it (the code derived from the name). */
const DocCode = z
  .string()
  .min(1)
  .max(12)
  .refine((s) => !/\s/.test(s), { params: { reason: 'whitespace' } });

export const UnitInput = z.object({
  name: text(100),
  kind: z.enum(UNIT_KINDS),
  level: z.enum(UNIT_LEVELS),
  regionCode: z.string().regex(/^[0-9]{2,15}$/),
  parentId: id.nullable().optional(),
  docCode: DocCode.nullable().optional(),
  remits: z
    .array(
      z.object({
        regionCode: z.string().regex(/^[0-9]{2,15}$/),
        categoryCode: plain(80).nullable().optional(),
      }),
    )
    .max(200)
    .default([]),
});

/** A change to a unit: any of its fields; `remits`, when given, replaces the unit's remit. */
export const UnitChange = UnitInput.omit({ remits: true })
  .partial()
  .extend({ remits: UnitInput.shape.remits.unwrap().optional(), active: z.boolean().optional() });

export const CategoryChange = z.object({
  nameZh: text(50).optional(),
  nameEn: text(100).optional(),
  active: z.boolean().optional(),
});

export const RegionInput = z.object({
  code: z.string().regex(/^[0-9]{2,15}$/),
  name: text(100),
  level: z.enum(['province', 'city', 'county', 'township', 'village', 'grid']),
  parentCode: z
    .string()
    .regex(/^[0-9]{2,15}$/)
    .nullable()
    .optional(),
  gridLeader: text(50).optional(),
});

export const CategoryInput = z.object({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/),
  nameZh: text(50),
  nameEn: text(100),
  parentCode: plain(80).nullable().optional(),
});

export const admin = {
  async updateTimeLimit(ctx: AppContext, actor: Actor, kind: string, body: unknown) {
    const input = parseOrThrow(TimeLimitInput, body);
    const result = await withTransaction(ctx, async ({ db: trx }) => {
      const before = await trx
        .selectFrom('time_limits')
        .selectAll()
        .where('kind', '=', kind)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('时限配置', 'Time limit');
      await trx
        .updateTable('time_limits')
        .set({
          amount: input.amount,
          unit: input.unit,
          roll_forward: input.rollForward,
          warn_amount: input.warnAmount,
          warn_unit: input.warnUnit,
          updated_at: ctx.clock(),
        })
        .where('kind', '=', kind)
        .execute();
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        {
          kind: 'time_limit_changed',
          at: ctx.clock(),
          payload: {
            kind,
            before: {
              amount: before.amount,
              unit: before.unit,
              warnAmount: before.warn_amount,
              warnUnit: before.warn_unit,
            },
            after: input,
          },
        },
      ]);
      return { kind, ...input };
    });
    ctx.calendar.invalidate();
    return result;
  },

  async addCalendarOverride(ctx: AppContext, actor: Actor, body: unknown) {
    const input = parseOrThrow(CalendarOverrideInput, body);
    if (Number.isNaN(Date.parse(`${input.date}T00:00:00Z`)))
      throw fieldError('date', '日期无效', 'invalid date');
    await withTransaction(ctx, async ({ db: trx }) => {
      await trx
        .insertInto('calendar_overrides')
        .values({
          date: input.date,
          kind: input.kind,
          name: input.name ?? null,
          created_by: actor.userId,
          created_at: ctx.clock(),
        })
        .onConflict((oc) => oc.column('date').doUpdateSet({ kind: input.kind, name: input.name ?? null }))
        .execute();
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        { kind: 'calendar_override_set', at: ctx.clock(), payload: input },
      ]);
    });
    ctx.calendar.invalidate();
    return input;
  },

  async removeCalendarOverride(ctx: AppContext, actor: Actor, date: string) {
    await withTransaction(ctx, async ({ db: trx }) => {
      const r = await trx.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound('日历调整', 'Calendar override');
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        { kind: 'calendar_override_removed', at: ctx.clock(), payload: { date } },
      ]);
    });
    ctx.calendar.invalidate();
    return { ok: true as const };
  },

  async saveRoutingRule(ctx: AppContext, actor: Actor, ruleId: number | null, body: unknown) {
    const input = parseOrThrow(RoutingRuleInput, body);
    if (input.action === 'assign' && !input.unitId)
      throw fieldError('unitId', '分派规则须指定单位', 'an assign rule names a unit');
    if (input.action === 'lawful_channel' && !input.lawfulChannel)
      throw fieldError('lawfulChannel', '须指定法定途径', 'name the lawful channel');
    const values = {
      name: input.name,
      region_prefix: input.regionPrefix,
      category_code: input.categoryCode ?? null,
      purpose: input.purpose ?? null,
      keywords: input.keywords,
      action: input.action,
      unit_id: input.unitId ?? null,
      co_unit_ids: input.coUnitIds,
      lawful_channel: input.lawfulChannel ?? null,
      reason_zh: input.reasonZh,
      reason_en: input.reasonEn,
      priority: input.priority,
      active: input.active,
      updated_at: ctx.clock(),
    };
    return withTransaction(ctx, async ({ db: trx }) => {
      let savedId: number;
      if (ruleId === null) {
        savedId = (
          await trx.insertInto('routing_rules').values(values).returning('id').executeTakeFirstOrThrow()
        ).id;
      } else {
        const r = await trx
          .updateTable('routing_rules')
          .set(values)
          .where('id', '=', ruleId)
          .returning('id')
          .executeTakeFirst();
        if (!r) throw notFound('分派规则', 'Routing rule');
        savedId = r.id;
      }
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        { kind: 'routing_rule_saved', at: ctx.clock(), payload: { id: savedId, ...input } },
      ]);
      return { id: savedId };
    }).finally(() => ctx.routing.invalidate());
  },

  async createUnit(ctx: AppContext, actor: Actor, body: unknown) {
    const input = parseOrThrow(UnitInput, body);
    return withTransaction(ctx, async ({ db: trx }) => {
      const unit = await trx
        .insertInto('units')
        .values({
          name: input.name,
          kind: input.kind,
          level: input.level,
          region_code: input.regionCode,
          parent_id: input.parentId ?? null,
          doc_code: input.docCode ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.remits.length > 0) {
        await trx
          .insertInto('unit_remits')
          .values(
            input.remits.map((m) => ({
              unit_id: unit.id,
              region_code: m.regionCode,
              category_code: m.categoryCode ?? null,
            })),
          )
          .execute();
      }
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        { kind: 'unit_created', at: ctx.clock(), payload: { id: unit.id, ...input } },
      ]);
      return { id: unit.id };
    }).finally(() => ctx.routing.invalidate());
  },

  async createRegion(ctx: AppContext, actor: Actor, body: unknown) {
    const input = parseOrThrow(RegionInput, body);
    if (input.parentCode && !input.code.startsWith(input.parentCode)) {
      throw fieldError(
        'code',
        '下级区划代码须以上级代码开头',
        'a child region code starts with its parent code',
      );
    }
    return withTransaction(ctx, async ({ db: trx }) => {
      await trx
        .insertInto('regions')
        .values({
          code: input.code,
          name: input.name,
          level: input.level,
          parent_code: input.parentCode ?? null,
          grid_leader: input.gridLeader ?? null,
        })
        .execute();
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        { kind: 'region_created', at: ctx.clock(), payload: input },
      ]);
      return { code: input.code };
    });
  },

  async createCategory(ctx: AppContext, actor: Actor, body: unknown) {
    const input = parseOrThrow(CategoryInput, body);
    return withTransaction(ctx, async ({ db: trx }) => {
      let level = 1;
      if (input.parentCode) {
        const parent = await trx
          .selectFrom('categories')
          .select('level')
          .where('code', '=', input.parentCode)
          .executeTakeFirst();
        if (!parent) throw fieldError('parentCode', '上级分类不存在', 'unknown parent category');
        if (parent.level >= 3)
          throw new AppError('validation_failed', '分类最多三级', 'Categories have at most three levels', [
            { path: 'parentCode', message_zh: '分类最多三级', message_en: 'at most three levels' },
          ]);
        level = parent.level + 1;
      }
      await trx
        .insertInto('categories')
        .values({
          code: input.code,
          name_zh: input.nameZh,
          name_en: input.nameEn,
          parent_code: input.parentCode ?? null,
          level,
        })
        .execute();
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        { kind: 'category_created', at: ctx.clock(), payload: input },
      ]);
      return { code: input.code, level };
    }).finally(() => ctx.routing.invalidate());
  },

  /**
   * Edits a unit, or deactivates / reactivates it. A deactivated unit is no longer offered for
   * routing or as a handling unit; its matters, users and history stay as they are.
   */
  async updateUnit(ctx: AppContext, actor: Actor, unitId: number, body: unknown) {
    const input = parseOrThrow(UnitChange, body);
    if (input.parentId === unitId)
      throw fieldError('parentId', '上级单位不能是本单位', 'a unit cannot be its own parent');
    if (input.active === false && actor.unitId === unitId)
      throw fieldError('active', '不能停用自己所在的单位', 'you cannot deactivate your own unit');
    return withTransaction(ctx, async ({ db: trx }) => {
      const before = await trx
        .selectFrom('units')
        .selectAll()
        .where('id', '=', unitId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('单位', 'Unit');
      const values = {
        name: input.name ?? before.name,
        kind: input.kind ?? before.kind,
        level: input.level ?? before.level,
        region_code: input.regionCode ?? before.region_code,
        parent_id: input.parentId === undefined ? before.parent_id : input.parentId,
        active: input.active ?? before.active,
        doc_code: input.docCode === undefined ? before.doc_code : input.docCode,
      };
      await trx.updateTable('units').set(values).where('id', '=', unitId).execute();
      if (input.remits) {
        await trx.deleteFrom('unit_remits').where('unit_id', '=', unitId).execute();
        if (input.remits.length > 0) {
          await trx
            .insertInto('unit_remits')
            .values(
              input.remits.map((m) => ({
                unit_id: unitId,
                region_code: m.regionCode,
                category_code: m.categoryCode ?? null,
              })),
            )
            .execute();
        }
      }
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        {
          kind: 'unit_changed',
          at: ctx.clock(),
          payload: {
            id: unitId,
            before: {
              name: before.name,
              kind: before.kind,
              level: before.level,
              regionCode: before.region_code,
              parentId: before.parent_id,
              active: before.active,
              docCode: before.doc_code,
            },
            change: input,
          },
        },
      ]);
      return {
        id: unitId,
        name: values.name,
        kind: values.kind,
        level: values.level,
        regionCode: values.region_code,
        parentId: values.parent_id,
        active: values.active,
        docCode: values.doc_code,
      };
    }).finally(() => ctx.routing.invalidate());
  },

  /** Renames a category or takes it out of use; matters already filed under it keep it. */
  async updateCategory(ctx: AppContext, actor: Actor, code: string, body: unknown) {
    const input = parseOrThrow(CategoryChange, body);
    return withTransaction(ctx, async ({ db: trx }) => {
      const before = await trx
        .selectFrom('categories')
        .select(['code', 'name_zh', 'name_en', 'active'])
        .where('code', '=', code)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('问题分类', 'Category');
      const values = {
        name_zh: input.nameZh ?? before.name_zh,
        name_en: input.nameEn ?? before.name_en,
        active: input.active ?? before.active,
      };
      await trx.updateTable('categories').set(values).where('code', '=', code).execute();
      await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
        {
          kind: 'category_changed',
          at: ctx.clock(),
          payload: {
            code,
            before: { nameZh: before.name_zh, nameEn: before.name_en, active: before.active },
            change: input,
          },
        },
      ]);
      return { code, nameZh: values.name_zh, nameEn: values.name_en, active: values.active };
    }).finally(() => ctx.routing.invalidate());
  },
};
