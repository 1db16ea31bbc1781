import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import { forbidden } from '../errors/app-error.ts';
import { maskIdNumber, maskPhone } from './id-number.ts';

/** Petitioner look-up for the registration desk: an existing person is found by ID, name or phone. */
export async function searchPetitioners(ctx: AppContext, user: StaffUser, q: string) {
  if (!hasRole(user, 'registrar', 'officer', 'unit_head', 'leader')) throw forbidden();
  const term = q.trim();
  if (term.length < 2) return { items: [] };
  const like = `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await ctx.db
    .selectFrom('petitioners as p')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.id_number',
      'p.phone',
      eb
        .selectFrom('matter_petitioners as mp')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('mp.petitioner_id', '=', 'p.id')
        .as('matter_count'),
    ])
    .where((eb) =>
      eb.or([
        eb('p.id_number', 'like', like.toUpperCase()),
        eb('p.phone', 'like', like),
        eb('p.name', 'like', like),
      ]),
    )
    .orderBy('p.id', 'desc')
    .limit(10)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      idNumber: r.id_number ? maskIdNumber(r.id_number) : null,
      phone: r.phone ? maskPhone(r.phone) : null,
      matterCount: Number(r.matter_count ?? 0),
    })),
  };
}
