import type { Trx } from '../audit/event-log.ts';
import { fieldError } from '../errors/app-error.ts';
import type { PetitionerInput } from '../shared/schemas.ts';
import { validateChinesePhone, validateIdNumber } from './id-number.ts';

export interface CleanPetitioner {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  isRepresentative: boolean;
}

/** Validates ID numbers (GB 11643 checksum) and phone numbers; errors name the petitioner's index. */
export function cleanPetitioners(list: PetitionerInput[], today: string): CleanPetitioner[] {
  return list.map((p, i) => {
    let idNumber: string | null = null;
    if (p.idNumber) {
      const r = validateIdNumber(p.idNumber, today);
      if (!r.ok) {
        throw fieldError(
          `petitioners.${i}.idNumber`,
          '身份证号码无效（长度、出生日期或校验码不正确）',
          `the ID number is not valid (${r.reason})`,
        );
      }
      idNumber = r.normalized;
    }
    let phone: string | null = null;
    if (p.phone) {
      const r = validateChinesePhone(p.phone);
      if (!r.ok) throw fieldError(`petitioners.${i}.phone`, '联系电话格式不正确', 'the phone number is not valid');
      phone = r.normalized;
    }
    return {
      kind: p.kind,
      name: p.name,
      idNumber,
      phone,
      address: p.address ?? null,
      isRepresentative: p.isRepresentative,
    };
  });
}

/**
 * One person, one record: match by ID number, else by name + phone; a record found by name + phone
 * learns the ID number when it arrives. Concurrent registrations of the same new person meet on
 * the unique indexes instead of creating two records.
 */
export async function findOrCreatePetitioner(trx: Trx, p: CleanPetitioner, now: Date): Promise<number> {
  if (p.idNumber) {
    const byId = await trx.selectFrom('petitioners').select('id').where('id_number', '=', p.idNumber).executeTakeFirst();
    if (byId) return byId.id;
    if (p.phone) {
      const upgraded = await trx
        .updateTable('petitioners')
        .set({ id_number: p.idNumber, updated_at: now })
        .where('name', '=', p.name)
        .where('phone', '=', p.phone)
        .where('id_number', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (upgraded) return upgraded.id;
    }
    const row = await trx
      .insertInto('petitioners')
      .values({ kind: p.kind, name: p.name, id_number: p.idNumber, phone: p.phone, address: p.address })
      .onConflict((oc) => oc.column('id_number').where('id_number', 'is not', null).doUpdateSet({ updated_at: now }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  if (p.phone) {
    const row = await trx
      .insertInto('petitioners')
      .values({ kind: p.kind, name: p.name, phone: p.phone, address: p.address })
      .onConflict((oc) =>
        oc
          .columns(['name', 'phone'])
          .where('id_number', 'is', null)
          .where('phone', 'is not', null)
          .doUpdateSet({ updated_at: now }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  // Neither ID nor phone: nothing to match on, so the person gets a record of their own.
  const row = await trx
    .insertInto('petitioners')
    .values({ kind: p.kind, name: p.name, address: p.address })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
