import { createHash } from 'node:crypto';
import { fieldError } from '../errors/app-error.ts';
import { normalizeQueryCode } from '../intake/query-code.ts';
import { SESSION_HOURS_MAX, type ReceptionKind } from '../shared/reception.schema.ts';

/**
 * The rules of reception days as plain functions: no SQL, no HTTP, the clock passed in.
 */

/** Two sessions of one leader overlap when each starts before the other ends (touching is fine). */
export const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** A session ends after it starts, lasts at most a working day, and is scheduled ahead. */
export function checkSessionTimes(s: { startsAt: Date; endsAt: Date }, now: Date): void {
  if (s.endsAt <= s.startsAt)
    throw fieldError('endsAt', '结束时间须晚于开始时间', 'the session must end after it starts');
  if (s.endsAt.getTime() - s.startsAt.getTime() > SESSION_HOURS_MAX * 3_600_000)
    throw fieldError(
      'endsAt',
      `一次接访不超过${SESSION_HOURS_MAX}小时`,
      `a session lasts at most ${SESSION_HOURS_MAX} hours`,
    );
  if (s.startsAt < now)
    throw fieldError('startsAt', '接访时间不能早于现在', 'a session is scheduled ahead, not in the past');
}

/** 约访 names a person: it needs their matter and is never on the public schedule. */
export function checkKindFields(input: {
  kind: ReceptionKind;
  matterId?: number | undefined;
  published: boolean;
  placeRegionCode?: string | undefined;
}): void {
  if (input.kind === 'appointment') {
    if (input.matterId === undefined)
      throw fieldError(
        'matterId',
        '约访须指明信访人的信访事项',
        'an appointment names the petitioner’s matter',
      );
    if (input.published)
      throw fieldError(
        'published',
        '约访涉及信访人个人信息，不得公开发布',
        'an appointment names a petitioner and is never published',
      );
  } else if (input.matterId !== undefined) {
    throw fieldError('matterId', '只有约访关联信访事项', 'only an appointment names a matter');
  }
  if (input.placeRegionCode !== undefined && input.kind !== 'outreach')
    throw fieldError(
      'placeRegionCode',
      '只有下访指定村（社区）或网格',
      'only an outreach visit goes to a village or grid',
    );
}

/** The channel a matter registered at a session of each kind has: a visit, or outreach (下访). */
export const CHANNEL_OF_KIND: Record<ReceptionKind, 'visit' | 'outreach'> = {
  reception: 'visit',
  outreach: 'outreach',
  appointment: 'outreach',
};

/** Places still free on a session: its capacity less the appointments confirmed on it. */
export const capacityLeft = (capacity: number, booked: number): number => Math.max(0, capacity - booked);

/** A request's number: YY (预约), the local date and the case id, e.g. YY-20260302-000042. */
export const requestNumber = (localDate: string, caseId: number): string =>
  `YY-${localDate.replace(/-/g, '')}-${String(caseId).padStart(6, '0')}`;

/** Only a digest of a request's query code is stored; the code is compared by its digest. */
export const queryCodeDigest = (code: string): string =>
  createHash('sha256').update(normalizeQueryCode(code)).digest('hex');
