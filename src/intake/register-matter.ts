import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { appendEvents, matterStream, type Actor } from '../audit/event-log.ts';
import { localDateOf } from '../calendar/index.ts';
import { planDeadline } from '../deadlines/plan.ts';
import { insertDeadline } from '../deadlines/deadline.repository.ts';
import { fieldError } from '../errors/app-error.ts';
import { suggestRouting } from '../routing/routing.repository.ts';
import type { RoutingSuggestion } from '../routing/suggest.ts';
import { LIMITS, type LodgedLevel, type UnitLevel } from '../shared/enums.ts';
import type { RegisterMatterParsed } from '../shared/schemas.ts';
import type { CategorySuggestion, SimilarMatter } from './text-hooks.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotency.ts';
import { cleanPetitioners, findOrCreatePetitioner } from './petitioners.ts';
import { formatCaseNumber, newQueryCode } from './query-code.ts';

export interface RegisteredMatter {
  id: number;
  caseNumber: string;
  queryCode: string;
  state: 'registered';
  receivedAt: string;
  acceptanceDueDate: string;
  isCollective: boolean;
  headCount: number;
  petitionerIds: number[];
  routingSuggestions: RoutingSuggestion[];
  categorySuggestion: CategorySuggestion | null;
  similarMatters: SimilarMatter[];
}

const LODGED_BY_UNIT_LEVEL: Record<UnitLevel, LodgedLevel> = {
  national: 'national',
  province: 'province',
  city: 'city',
  county: 'county',
  township: 'township',
  village: 'township',
  grid: 'township',
};

/** Checks the collective-visit rules of 条例 §20 and returns head count and the collective flag. */
export function checkCollective(input: RegisterMatterParsed): { headCount: number; isCollective: boolean } {
  const reps = input.petitioners.filter((p) => p.isRepresentative).length;
  if (reps > LIMITS.maxRepresentatives) {
    throw fieldError(
      'petitioners',
      `多人走访应推选代表，代表人数不得超过${LIMITS.maxRepresentatives}人（《信访工作条例》第二十条），当前为${reps}人`,
      `people visiting together choose at most ${LIMITS.maxRepresentatives} representatives (条例 §20); got ${reps}`,
    );
  }
  const headCount = input.headCount ?? input.petitioners.length;
  if (headCount < input.petitioners.length) {
    throw fieldError('headCount', '来访人数不能少于登记的信访人数', 'the head count cannot be below the number of petitioners');
  }
  const isCollective = input.channel === 'visit' && headCount >= LIMITS.collectiveThreshold;
  if (isCollective && reps === 0) {
    throw fieldError(
      'petitioners',
      `集体访须登记1至${LIMITS.maxRepresentatives}名代表`,
      `a collective visit needs 1 to ${LIMITS.maxRepresentatives} representatives`,
    );
  }
  return { headCount, isCollective };
}

/**
 * Registers a matter on receipt, from any channel. Everything (petitioners, the matter, its first
 * deadline, the audit event, the similarity index entry) is written in one transaction.
 */
export async function registerMatter(
  ctx: AppContext,
  actor: Actor & { registeringUnitId: number; registeringUnitLevel: UnitLevel },
  input: RegisterMatterParsed,
  idempotency: IdempotencyRequest | null,
): Promise<{ matter: RegisteredMatter; replayed: boolean }> {
  const now = ctx.clock();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) {
    throw fieldError('receivedAt', '收到时间不能晚于当前时间', 'the time of receipt cannot be in the future');
  }
  if (input.channel === 'handed_down' && !input.handedDownFrom) {
    throw fieldError('handedDownFrom', '交办件须注明交办机关', 'a handed-down matter names the body that handed it down');
  }
  const { headCount, isCollective } = checkCollective(input);
  const petitioners = cleanPetitioners(input.petitioners, localDateOf(now));
  const isMisconduct = input.isMisconductReport || input.purpose === 'accusation';
  const calendar = await ctx.calendar.calendar();
  const acceptance = planDeadline(calendar, await ctx.calendar.limit('acceptance'), receivedAt);
  const categorySuggestion = await ctx.text.suggestCategory({ subject: input.subject, content: input.content });

  const { result, replayed } = await ctx.db.transaction().execute((trx) =>
    runIdempotent(trx, idempotency, async () => {
      // One connection per transaction: queries inside it run one after another, never in parallel.
      const region = await trx.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst();
      const category = input.categoryCode
        ? await trx.selectFrom('categories').select('code').where('code', '=', input.categoryCode).executeTakeFirst()
        : { code: null };
      const reported = input.reportedUnitId
        ? await trx.selectFrom('units').select('id').where('id', '=', input.reportedUnitId).executeTakeFirst()
        : { id: null };
      if (!region) throw fieldError('regionCode', '问题属地（行政区划代码）不存在', 'unknown region code');
      if (!category) throw fieldError('categoryCode', '问题分类不存在', 'unknown category');
      if (!reported) throw fieldError('reportedUnitId', '被反映单位不存在', 'unknown reported unit');

      const seq = await sql<{ n: number }>`SELECT nextval('case_number_seq')::int AS n`.execute(trx);
      const caseNumber = formatCaseNumber(input.regionCode, localDateOf(receivedAt), seq.rows[0]!.n);
      const queryCode = newQueryCode();
      const petitionerIds: number[] = [];
      for (const p of petitioners) petitionerIds.push(await findOrCreatePetitioner(trx, p, now));
      if (new Set(petitionerIds).size !== petitionerIds.length) {
        throw fieldError('petitioners', '同一信访人被重复登记', 'the same person is listed twice');
      }
      const matter = await trx
        .insertInto('matters')
        .values({
          case_number: caseNumber,
          query_code: queryCode,
          channel: input.channel,
          purpose: input.purpose,
          category_code: input.categoryCode ?? null,
          subject: input.subject,
          content: input.content,
          region_code: input.regionCode,
          lodged_level: input.lodgedLevel ?? LODGED_BY_UNIT_LEVEL[actor.registeringUnitLevel],
          target: input.target ?? null,
          reported_unit_id: input.reportedUnitId ?? null,
          is_misconduct_report: isMisconduct,
          head_count: headCount,
          is_collective: isCollective,
          state: 'registered',
          registering_unit_id: actor.registeringUnitId,
          registered_by: actor.userId,
          received_at: receivedAt,
          registered_at: now,
          handed_down_from: input.handedDownFrom ?? null,
          external_due_date: input.externalDueDate ?? null,
          search_text: [caseNumber, input.subject, input.content, ...petitioners.map((p) => p.name)].join(' '),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('matter_petitioners')
        .values(
          petitionerIds.map((pid, i) => ({
            matter_id: matter.id,
            petitioner_id: pid,
            is_representative: petitioners[i]!.isRepresentative,
          })),
        )
        .execute();
      await insertDeadline(trx, matter.id, acceptance, { main: true, unitId: actor.registeringUnitId });
      await appendEvents(trx, { stream: matterStream(matter.id), matterId: matter.id, isNewStream: true }, actor, [
        {
          kind: 'registered',
          at: now,
          public: true,
          payload: {
            caseNumber,
            channel: input.channel,
            purpose: input.purpose,
            receivedAt: receivedAt.toISOString(),
            headCount,
            isCollective,
            petitionerIds,
            acceptanceDueDate: acceptance.dueDate,
          },
        },
      ]);
      await ctx.text.indexMatter(trx, { id: matter.id, subject: input.subject, content: input.content });
      const routingSuggestions = await suggestRouting(trx, {
          regionCode: input.regionCode,
          categoryCode: input.categoryCode ?? categorySuggestion?.category ?? null,
          purpose: input.purpose,
          isMisconductReport: isMisconduct,
          reportedUnitId: input.reportedUnitId ?? null,
          text: `${input.subject} ${input.content}`,
      });
      const similarMatters = await ctx.text.findSimilar(trx, {
        matterId: matter.id,
        subject: input.subject,
        content: input.content,
        petitionerIds,
        limit: 10,
      });
      const registered: RegisteredMatter = {
        id: matter.id,
        caseNumber,
        queryCode,
        state: 'registered',
        receivedAt: receivedAt.toISOString(),
        acceptanceDueDate: acceptance.dueDate,
        isCollective,
        headCount,
        petitionerIds,
        routingSuggestions,
        categorySuggestion,
        similarMatters,
      };
      return registered;
    }),
  );
  return { matter: result, replayed };
}
