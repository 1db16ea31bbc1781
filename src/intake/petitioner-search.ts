import type { AppContext } from '../app/context.ts';
import { appendEvents } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import { forbidden } from '../errors/app-error.ts';
import { visibleTo } from '../lifecycle/access-rule.ts';
import { maskIdNumber, maskPhone, validateChinesePhone } from './id-number.ts';
import { withTransaction } from '../app/transaction.ts';

/** What a search term is: a whole ID number, a whole phone number, or the start of a name. */
export type SearchTerm =
  | { by: 'id_number'; value: string }
  | { by: 'phone'; value: string }
  | { by: 'name'; prefix: string }
  | { by: 'nothing' };

/**
 * Numbers are matched only in full: a prefix search would read a masked number back digit by
 * digit (ten tries a digit). A term made of digits that is not a whole number finds nobody.
 */
export function classifySearchTerm(q: string): SearchTerm {
  const term = q.trim();
  if (/^\d{17}[\dXx]$/.test(term)) return { by: 'id_number', value: term.toUpperCase() };
  if (/^[\d\s()+-]+$/.test(term)) {
    // Normalised as it was stored, so '138 0013 8000' finds 13800138000; a part of a number is no number.
    const phone = validateChinesePhone(term);
    return phone.ok ? { by: 'phone', value: phone.normalized } : { by: 'nothing' };
  }
  if (term.length < 2 || /\d/.test(term)) return { by: 'nothing' };
  return { by: 'name', prefix: term };
}

/**
 * Petitioner look-up for the registration desk: a person already known is found by the start of
 * their name or by their whole ID or phone number, among the petitioners of matters the user may
 * see, with the count of those matters only. Finding someone by a whole number tells the user whose
 * number it is, so it is logged like an unmask.
 */
export async function searchPetitioners(ctx: AppContext, user: StaffUser, q: string) {
  if (!hasRole(user, 'registrar', 'officer', 'unit_head', 'leader')) throw forbidden();
  const term = classifySearchTerm(q);
  if (term.by === 'nothing') return { items: [] };
  return withTransaction(ctx, async ({ db: trx }) => {
    let query = trx
      .selectFrom('petitioners as p')
      .innerJoin('matter_petitioners as mp', 'mp.petitioner_id', 'p.id')
      .innerJoin('matters as m', 'm.id', 'mp.matter_id')
      .select((eb) => [
        'p.id',
        'p.name',
        'p.id_number',
        'p.phone',
        eb.fn.countAll<number>().as('matter_count'),
      ])
      .where(visibleTo(user))
      .groupBy(['p.id', 'p.name', 'p.id_number', 'p.phone'])
      .orderBy('p.id', 'desc')
      .limit(10);
    if (term.by === 'id_number') query = query.where('p.id_number', '=', term.value);
    else if (term.by === 'phone') query = query.where('p.phone', '=', term.value);
    else query = query.where('p.name', 'like', `${term.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const rows = await query.execute();
    if (term.by !== 'name' && rows.length > 0) {
      const at = ctx.clock();
      const fields = [term.by];
      await trx
        .insertInto('unmask_log')
        .values(rows.map((r) => ({ user_id: user.id, petitioner_id: r.id, matter_id: null, fields, at })))
        .execute();
      await appendEvents(
        trx,
        { stream: 'system', matterId: null },
        { kind: 'staff', userId: user.id, unitId: user.unit.id },
        rows.map((r) => ({
          kind: 'petitioner_found_by_number',
          at,
          payload: { petitionerId: r.id, fields },
        })),
      );
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        idNumber: r.id_number ? maskIdNumber(r.id_number) : null,
        phone: r.phone ? maskPhone(r.phone) : null,
        matterCount: Number(r.matter_count),
      })),
    };
  });
}
