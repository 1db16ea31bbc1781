import type { AppContext } from '../app/context.ts';
import type { Actor } from '../audit/event-log.ts';
import { localDateOf } from '../calendar/index.ts';
import { planDeadline, type PlannedDeadline } from '../deadlines/plan.ts';
import { matterRecord, sha256Hex, type EventRecord } from '../audit/event-record.ts';
import { fieldError } from '../errors/app-error.ts';
import type { RoutingSuggestion } from '../routing/suggest.ts';
import { LIMITS, type LodgedLevel, type UnitLevel } from '../shared/enums.ts';
import type { RegisterMatterParsed } from '../shared/schemas.ts';
import type { BandNeighbour, CategorySuggestion, SimilarMatter } from './text-hooks.ts';
import { completeIdempotent, runIdempotent, type IdempotencyRequest } from './idempotency.ts';
import { linkRepeat } from '../lifecycle/link-repeat.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { cleanPetitioners } from './petitioners.ts';
import { insertRegistration, type MatterRow, type RegistrationWrite } from './registration-statement.ts';
import { formatCaseNumber, newQueryCode } from './query-code.ts';
import { withTransaction } from '../app/transaction.ts';
import { checkReceptionLink } from '../reception/session-link.ts';

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

/** How far ahead of the server's clock a time of receipt may lie: a registrar's PC clock runs fast. */
const CLOCK_SKEW_MS = 5 * 60_000;

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
    throw fieldError(
      'headCount',
      '来访人数不能少于登记的信访人数',
      'the head count cannot be below the number of petitioners',
    );
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
 * deadline, the audit event, the similarity index entry) is written by one statement; with an
 * Idempotency-Key, that statement and the key share a transaction.
 */
export async function registerMatter(
  ctx: AppContext,
  actor: Actor & { registeringUnitId: number; registeringUnitLevel: UnitLevel },
  input: RegisterMatterParsed,
  idempotency: IdempotencyRequest | null,
  /** The staff user who registers: similar matters shown to them are limited to their data scope. */
  viewer?: StaffUser,
): Promise<{ matter: RegisteredMatter; replayed: boolean }> {
  const now = ctx.clock();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw fieldError('receivedAt', '收到时间不能晚于当前时间', 'the time of receipt cannot be in the future');
  }
  if (input.channel === 'handed_down' && !input.handedDownFrom) {
    throw fieldError(
      'handedDownFrom',
      '交办件须注明交办机关',
      'a handed-down matter names the body that handed it down',
    );
  }
  const { headCount, isCollective } = checkCollective(input);
  if (input.receptionSessionId !== undefined)
    await checkReceptionLink(ctx.db, viewer, input.receptionSessionId, input.channel, now);
  const petitioners = cleanPetitioners(input.petitioners, localDateOf(now));
  const seen = new Set<string>();
  for (const [i, p] of petitioners.entries()) {
    const key = p.idNumber ?? (p.phone ? `${p.name}|${p.phone}` : `#${i}`);
    if (seen.has(key))
      throw fieldError(`petitioners.${i}`, '同一信访人被重复登记', 'the same person is listed twice');
    seen.add(key);
  }
  const isMisconduct = input.isMisconductReport || input.purpose === 'accusation';
  const calendar = await ctx.calendar.calendar();
  const acceptance = planDeadline(calendar, await ctx.calendar.limit('acceptance'), receivedAt);
  const text = { subject: input.subject, content: input.content };
  const { suggestion: categorySuggestion, fingerprint } = ctx.text.analyze
    ? await ctx.text.analyze(text)
    : { suggestion: await ctx.text.suggestCategory(text), fingerprint: ctx.text.fingerprint(text) };

  const queryCode = newQueryCode();
  const id = await ctx.ids.next();
  const caseNumber = formatCaseNumber(input.regionCode, localDateOf(receivedAt), id);
  const row: MatterRow = {
    id,
    caseNumber,
    queryCode,
    channel: input.channel,
    purpose: input.purpose,
    categoryCode: input.categoryCode ?? null,
    subject: input.subject,
    content: input.content,
    regionCode: input.regionCode,
    lodgedLevel: input.lodgedLevel ?? LODGED_BY_UNIT_LEVEL[actor.registeringUnitLevel],
    target: input.target ?? null,
    reportedUnitId: input.reportedUnitId ?? null,
    isMisconduct,
    headCount,
    isCollective,
    registeringUnitId: actor.registeringUnitId,
    registeredBy: actor.userId,
    receivedAt,
    registeredAt: now,
    handedDownFrom: input.handedDownFrom ?? null,
    externalDueDate: input.externalDueDate ?? null,
    receptionSessionId: input.receptionSessionId ?? null,
    searchText: [caseNumber, input.subject, input.content, ...petitioners.map((p) => p.name)].join(' '),
  };
  const eventPayload = {
    caseNumber,
    channel: input.channel,
    purpose: input.purpose,
    receivedAt: receivedAt.toISOString(),
    headCount,
    isCollective,
    petitionerCount: petitioners.length,
    acceptanceDueDate: acceptance.dueDate,
    ...(row.receptionSessionId !== null ? { receptionSessionId: row.receptionSessionId } : {}),
    record: registrationRecord(row, acceptance),
  };
  const registration: RegistrationWrite = {
    matter: row,
    petitioners,
    deadline: acceptance,
    actor,
    eventPayload,
    fingerprint,
  };

  let petitionerIds: number[];
  let neighbours: BandNeighbour[] | null = null;
  let replayed = false;
  if (idempotency) {
    const r = await withTransaction(ctx, ({ db: trx }) =>
      runIdempotent(trx, idempotency, async () => {
        const written = await insertRegistration(trx, registration);
        neighbours = written.neighbours;
        return {
          ...summary(row, acceptance.dueDate, written.petitionerIds),
          routingSuggestions: [],
          categorySuggestion: null,
          similarMatters: [],
        };
      }),
    );
    if (r.replayed) return { matter: r.result, replayed: true };
    petitionerIds = r.result.petitionerIds;
    replayed = r.replayed;
  } else {
    ({ petitionerIds, neighbours } = await ctx.registrations.write(registration));
  }
  // Advice for the registrar, computed after the matter is safely stored.
  const routingSuggestions = await ctx.routing.suggest({
    regionCode: input.regionCode,
    categoryCode: input.categoryCode ?? categorySuggestion?.category ?? null,
    purpose: input.purpose,
    isMisconductReport: isMisconduct,
    reportedUnitId: input.reportedUnitId ?? null,
    text: `${input.subject} ${input.content}`,
  });
  const similar = fingerprint
    ? await ctx.text.findSimilar(ctx.db, {
        matterId: id,
        subject: input.subject,
        content: input.content,
        petitionerIds,
        limit: 10,
        fingerprint,
        ...(neighbours ? { neighbours } : {}),
        ...(viewer ? { viewer } : {}),
      })
    : { items: [], repeatOf: null };
  // A repeat of the same person is linked whatever the registrar's scope: the link belongs to the
  // matter, not to the viewer. The list shown to the registrar keeps to their scope.
  if (similar.repeatOf) await linkRepeat(ctx, id, similar.repeatOf);
  const result: RegisteredMatter = {
    ...summary(row, acceptance.dueDate, petitionerIds),
    routingSuggestions,
    categorySuggestion,
    similarMatters: similar.items,
  };
  if (idempotency) await completeIdempotent(ctx.db, idempotency, result);
  return { matter: result, replayed };
}

/** What the registration event proves about the rows the statement writes (see audit/event-record.ts). */
function registrationRecord(row: MatterRow, acceptance: PlannedDeadline): EventRecord {
  return {
    matter: matterRecord({
      state: 'registered',
      version: 1,
      case_number: row.caseNumber,
      channel: row.channel,
      purpose: row.purpose,
      category_code: row.categoryCode,
      region_code: row.regionCode,
      registering_unit_id: row.registeringUnitId,
      received_at: row.receivedAt,
      head_count: row.headCount,
      is_collective: row.isCollective,
      reported_unit_id: row.reportedUnitId,
      is_misconduct_report: row.isMisconduct,
    }),
    digests: { subject: sha256Hex(row.subject), content: sha256Hex(row.content) },
    deadlines: {
      opened: [
        {
          id: null,
          kind: acceptance.kind,
          main: true,
          dueAt: acceptance.dueAt.toISOString(),
          dueDate: acceptance.dueDate,
        },
      ],
      closed: [],
    },
  };
}

function summary(row: MatterRow, acceptanceDueDate: string, petitionerIds: number[]) {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    queryCode: row.queryCode,
    state: 'registered' as const,
    receivedAt: row.receivedAt.toISOString(),
    acceptanceDueDate,
    isCollective: row.isCollective,
    headCount: row.headCount,
    petitionerIds,
  };
}
