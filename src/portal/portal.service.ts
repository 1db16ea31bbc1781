import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import type { IdempotencyRequest } from '../intake/idempotency.ts';
import { addAttachment, type Upload } from '../intake/attachments.ts';
import { normalizeQueryCode } from '../intake/query-code.ts';
import { registerMatter } from '../intake/register-matter.ts';
import { matterCommands } from '../lifecycle/matter-commands.ts';
import { regionAncestors } from '../routing/regions.ts';
import type { UnitLevel } from '../shared/enums.ts';
import { STATE_LABELS, label } from '../shared/labels.ts';
import { PublicSubmitInput, RegisterMatterInput } from '../shared/schemas.ts';
import { answerOnlineFollowUp, onlineFollowUpOf } from '../supervision/online-follow-up.ts';
import { describePublicEvent } from './public-timeline.ts';

const PETITIONER = { kind: 'petitioner' as const };

/** The petition bureau that receives web petitions about a place: the nearest one above it. */
async function receivingBureau(ctx: AppContext, regionCode: string) {
  const bureaus = await ctx.db
    .selectFrom('units')
    .select(['id', 'level', 'region_code'])
    .where('kind', '=', 'petition_bureau')
    .where('active', '=', true)
    .where('region_code', 'in', regionAncestors(regionCode))
    .execute();
  return bureaus.sort((a, b) => b.region_code.length - a.region_code.length)[0] ?? null;
}

/** Online submission (网上信访): registered on receipt like any other channel. */
export async function submitPublicPetition(
  ctx: AppContext,
  body: unknown,
  idempotency: IdempotencyRequest | null,
) {
  const input = parseOrThrow(PublicSubmitInput, body);
  const bureau = await receivingBureau(ctx, input.regionCode);
  if (!bureau)
    throw fieldError(
      'regionCode',
      '所选地区暂未开通网上信访',
      'online petitions are not open for this region',
    );
  return onPortalFields(() => registerOnline(ctx, input, bureau, idempotency));
}

/**
 * The portal's form is flat (one petitioner): a field error of the registration, such as an ID
 * number with a wrong check digit at `petitioners.0.idNumber`, names the portal's own field.
 */
async function onPortalFields<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.fields.some((f) => f.path.startsWith('petitioners.0.'))) {
      const fields = e.fields.map((f) => ({ ...f, path: f.path.replace(/^petitioners\.0\./, '') }));
      throw new AppError(e.code, e.messageZh, e.messageEn, fields, e.details);
    }
    throw e;
  }
}

async function registerOnline(
  ctx: AppContext,
  input: z.output<typeof PublicSubmitInput>,
  bureau: { id: number; level: string },
  idempotency: IdempotencyRequest | null,
) {
  const registration = parseOrThrow(RegisterMatterInput, {
    channel: 'web',
    purpose: input.purpose,
    categoryCode: input.categoryCode,
    subject: input.subject,
    content: input.content,
    regionCode: input.regionCode,
    isMisconductReport: input.isMisconductReport,
    target: input.target,
    petitioners: [{ name: input.name, phone: input.phone, idNumber: input.idNumber, address: input.address }],
  });
  const { matter } = await registerMatter(
    ctx,
    {
      kind: 'petitioner',
      userId: null,
      unitId: null,
      registeringUnitId: bureau.id,
      registeringUnitLevel: bureau.level as UnitLevel,
    },
    registration,
    idempotency,
  );
  return {
    caseNumber: matter.caseNumber,
    queryCode: matter.queryCode,
    receivedAt: matter.receivedAt,
    acceptanceDueDate: matter.acceptanceDueDate,
  };
}

const sameCode = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Finds the matter by case number and query code; a wrong code and an unknown number look the same. */
export async function authenticate(ctx: AppContext, caseNumber: unknown, queryCode: unknown) {
  if (
    typeof caseNumber !== 'string' ||
    typeof queryCode !== 'string' ||
    caseNumber.length > 40 ||
    queryCode.length > 40
  ) {
    throw fieldError('queryCode', '请填写信访件编号和查询码', 'enter the case number and the query code');
  }
  const row = await ctx.db
    .selectFrom('matters')
    .select(['id', 'query_code'])
    .where('case_number', '=', caseNumber.trim())
    .executeTakeFirst();
  if (!row || !sameCode(row.query_code, normalizeQueryCode(queryCode))) {
    throw new AppError('not_found', '编号或查询码不正确', 'Wrong case number or query code', [
      { path: 'queryCode', message_zh: '编号或查询码不正确', message_en: 'wrong case number or query code' },
    ]);
  }
  return row.id;
}

/** The petitioner's view: public timeline, the reply, and which of their own actions are open now. */
export async function lookupPublic(ctx: AppContext, body: { caseNumber?: unknown; queryCode?: unknown }) {
  const id = await authenticate(ctx, body.caseNumber, body.queryCode);
  const m = await ctx.db
    .selectFrom('matters')
    .select(['case_number', 'subject', 'state', 'received_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const events = await ctx.db
    .selectFrom('events')
    .select(['kind', 'at', 'payload'])
    .where('matter_id', '=', id)
    .where('public', '=', true)
    .orderBy('seq')
    .execute();
  const reply = await ctx.db
    .selectFrom('decisions as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select([
      'd.id',
      'd.kind',
      'd.outcome',
      'd.facts',
      'd.legal_basis',
      'd.body',
      'd.decided_at',
      'u.name as unit_name',
    ])
    .where('d.matter_id', '=', id)
    .orderBy('d.id')
    .execute();
  const rating = await ctx.db
    .selectFrom('ratings')
    .select(['rating', 'comment', 'rated_at'])
    .where('matter_id', '=', id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const windows = await ctx.db
    .selectFrom('deadlines')
    .select(['kind', 'due_date', 'due_at'])
    .where('matter_id', '=', id)
    .where('status', '=', 'open')
    .where('kind', 'in', ['review_request', 'recheck_request'])
    .execute();
  const now = ctx.clock();
  const reviewWindow = windows.find((w) => w.kind === 'review_request' && w.due_at >= now);
  const recheckWindow = windows.find((w) => w.kind === 'recheck_request' && w.due_at >= now);
  // The written decision's 文号 and, for a review, the second-review window are in the public
  // event that made it; nothing else of the payload (staff notes among it) leaves here.
  const issuedBy = new Map(
    events
      .filter((e) => ['replied', 'reviewed', 'rechecked'].includes(e.kind))
      .map((e) => [Number(e.payload.decisionId), e.payload] as const),
  );
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const toDecision = (d: (typeof reply)[number]) => ({
    docNumber: text(issuedBy.get(d.id)?.docNumber),
    recheckDueDate: d.kind === 'review' ? text(issuedBy.get(d.id)?.recheckRequestDueDate) : null,
    kind: d.kind,
    outcome: d.outcome,
    facts: d.facts,
    legalBasis: d.legal_basis,
    body: d.body,
    decidedAt: d.decided_at,
    unitName: d.unit_name,
  });
  const firstReply = reply.find((d) => d.kind === 'reply');
  const followUp = await onlineFollowUpOf(ctx.db, id);
  return {
    caseNumber: m.case_number,
    subject: m.subject,
    state: m.state,
    stateLabel: label(STATE_LABELS, m.state),
    receivedAt: m.received_at,
    timeline: events.map((e) => {
      const t = describePublicEvent(e.kind, e.payload);
      return { kind: e.kind, at: e.at, text_zh: t.zh, text_en: t.en };
    }),
    reply: firstReply ? toDecision(firstReply) : null,
    reviews: reply.filter((d) => d.kind !== 'reply').map(toDecision),
    rating: rating ? { rating: rating.rating, comment: rating.comment, ratedAt: rating.rated_at } : null,
    canRate: m.state === 'replied' && !rating,
    canRequestReview: (m.state === 'replied' || m.state === 'evaluated') && !!reviewWindow,
    reviewDueDate: reviewWindow?.due_date ?? null,
    canRequestRecheck: m.state === 'reviewed' && !!recheckWindow,
    recheckDueDate: recheckWindow?.due_date ?? null,
    ...followUp,
  };
}

/** The petitioner adds evidence to their own matter (photos, documents) while it is open. */
export async function publicAttachment(
  ctx: AppContext,
  auth: { caseNumber: unknown; queryCode: unknown },
  upload: Upload,
) {
  const id = await authenticate(ctx, auth.caseNumber, auth.queryCode);
  const m = await ctx.db.selectFrom('matters').select('state').where('id', '=', id).executeTakeFirstOrThrow();
  if (['closed', 'concluded', 'not_accepted', 'merged'].includes(m.state)) {
    throw new AppError(
      'conflict',
      '事项已办结，不能再补充材料',
      'The matter is closed; no more material can be added',
    );
  }
  return addAttachment(ctx, null, id, upload);
}

export async function publicCommand(
  ctx: AppContext,
  command: 'rate' | 'requestReview' | 'requestRecheck',
  body: Record<string, unknown>,
) {
  const id = await authenticate(ctx, body.caseNumber, body.queryCode);
  const { caseNumber: _c, queryCode: _q, ...rest } = body;
  const r = await matterCommands[command](ctx, PETITIONER, id, rest);
  return { state: r.state, result: r.result };
}

/** 网上回访: the petitioner's answer to the follow-up questionnaire, named like their other commands. */
export async function publicFollowUp(ctx: AppContext, body: Record<string, unknown>) {
  const id = await authenticate(ctx, body.caseNumber, body.queryCode);
  const { caseNumber: _c, queryCode: _q, ...rest } = body;
  return answerOnlineFollowUp(ctx, id, rest);
}
