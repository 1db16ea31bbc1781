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
      if (!r.ok)
        throw fieldError(`petitioners.${i}.phone`, '联系电话格式不正确', 'the phone number is not valid');
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
