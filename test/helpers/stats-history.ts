import type { Db } from '../../src/db/database.ts';

/**
 * A step of the statistics property tests' random histories, written straight to the tables so the
 * triggers are the only bookkeeping: the matter's lead assignment is released and, with a unit, a
 * new one made (a reassignment; without one, the matter is left unrouted).
 */
export async function reassignLead(db: Db, matterId: number, unitId: number | null, at: Date): Promise<void> {
  await db
    .updateTable('matter_units')
    .set({ released_at: at, release_reason: 'test' })
    .where('matter_id', '=', matterId)
    .where('role', '=', 'lead')
    .where('released_at', 'is', null)
    .execute();
  if (unitId !== null)
    await db
      .insertInto('matter_units')
      .values({ matter_id: matterId, unit_id: unitId, role: 'lead', assigned_at: at })
      .execute();
}
