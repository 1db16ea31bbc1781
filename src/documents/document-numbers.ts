import type { Trx } from '../audit/event-log.ts';
import { chineseDate, type NoticeKind } from './notice-content.ts';

/**
 * 文号 (document numbers) of the written notices: 机关代字 + 文种代字 + 〔年份〕 + 序号 + 号, e.g.
 * 南山信访受告〔2026〕17号 (GB/T 9704-2012 §7.2.4: the number is made of the issuing body's code,
 * the year and the sequence; the year in 六角括号, the sequence without leading zeros).
 */

/** The notice a lifecycle event issues (the event that makes the decision the notice tells of). */
export const NOTICE_OF_EVENT: Partial<Record<string, NoticeKind>> = {
  accepted: 'acceptance',
  not_accepted: 'non_acceptance',
  extended: 'extension',
  replied: 'reply',
  reviewed: 'review',
  rechecked: 'recheck',
};

/** 文种代字 of each notice. */
export const KIND_CODE: Record<NoticeKind, string> = {
  acceptance: '受告',
  non_acceptance: '不受告',
  extension: '延告',
  reply: '处意',
  review: '复查',
  recheck: '复核',
};

/**
 * 机关代字 from the unit's full name, for a unit whose administrator has set none (units.doc_code): the place (the county's name without 区/县, else the city's
 * without 市, else the province's) and the body without its generic ending, as 文号 usually
 * abbreviate them: 深圳市南山区信访局 → 南山信访, 深圳市信访局 → 深圳信访, 广东省信访局 → 广东信访.
 */
export function unitDocCode(unitName: string): string {
  const name = unitName.trim();
  const m =
    /^(?:(.+?)(?:省|自治区))?(?:(.+?)市)?(?:(.{1,6}?)(?:区|县))?(.+?)(?:局|委员会|办公室|人民政府|政府)?$/.exec(
      name,
    );
  if (!m) return name;
  const [, province, city, county, body] = m;
  return `${county ?? city ?? province ?? ''}${body ?? ''}` || name;
}

/** The year of the number: the Beijing year of the issuing day. */
export const docYear = (issuedAt: Date) => Number(chineseDate(issuedAt.toISOString()).slice(0, 4));

export const formatDocNumber = (unitCode: string, kind: NoticeKind, year: number, seq: number) =>
  `${unitCode}${KIND_CODE[kind]}〔${year}〕${seq}号`;

/**
 * Issues the matter's notice of this kind a number, or returns the number it already has: a notice
 * is numbered once, when first issued, and keeps that number (re-printing or re-downloading it
 * does not renumber it). Runs inside the caller's transaction (the command that issues the
 * notice), which holds the matter's lock; the sequence row is locked by the upsert until it ends,
 * so concurrent issues of one unit draw consecutive numbers without gaps.
 */
export async function issueDocumentNumber(
  trx: Trx,
  args: { matterId: number; kind: NoticeKind; unitId: number; at: Date },
): Promise<string> {
  const existing = await trx
    .selectFrom('issued_documents')
    .select('doc_number')
    .where('matter_id', '=', args.matterId)
    .where('kind', '=', args.kind)
    .executeTakeFirst();
  if (existing) return existing.doc_number;
  const unit = await trx
    .selectFrom('units')
    .select(['name', 'doc_code'])
    .where('id', '=', args.unitId)
    .executeTakeFirstOrThrow();
  const year = docYear(args.at);
  const { last_seq: seq } = await trx
    .insertInto('document_sequences')
    .values({ unit_id: args.unitId, kind: args.kind, year, last_seq: 1 })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'kind', 'year'])
        .doUpdateSet((eb) => ({ last_seq: eb('document_sequences.last_seq', '+', 1) })),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const docNumber = formatDocNumber(unit.doc_code ?? unitDocCode(unit.name), args.kind, year, seq);
  await trx
    .insertInto('issued_documents')
    .values({
      matter_id: args.matterId,
      kind: args.kind,
      unit_id: args.unitId,
      year,
      seq,
      doc_number: docNumber,
      issued_at: args.at,
    })
    .execute();
  return docNumber;
}
