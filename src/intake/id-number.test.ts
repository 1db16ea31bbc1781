import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idCheckCharacter,
  maskIdNumber,
  maskPhone,
  validateChinesePhone,
  validateIdNumber,
} from './id-number.ts';

describe('validateIdNumber (GB 11643-1999)', () => {
  it('accepts the standard example and reads birth date, sex and region', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female', // sequence 002 is even
      regionCode: '110105',
    });
    expect(validateIdNumber('440305199003071236')).toMatchObject({ ok: true, sex: 'male' });
  });

  it.each([
    ['lowercase x', '11010519491231002x', '11010519491231002X'],
    ['spaces and dashes', '110105 19491231 002X', '11010519491231002X'],
    ['full-width IME input', '１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
  ])('normalises %s', (_label, raw, normalized) => {
    expect(validateIdNumber(raw)).toMatchObject({ ok: true, normalized });
  });

  it.each([
    ['15-digit first-generation number', '110105491231002', 'length'],
    ['19 characters', '11010519491231002X1', 'length'],
    ['letter inside', '1101051949123A002X', 'format'],
    ['X not last', '1101051949123100X2', 'format'],
    ['30 February', '110105199002300011', 'birth_date'],
    ['month 13', '110105199013010011', 'birth_date'],
    ['born before 1800', '110105179912310011', 'birth_date'],
    ['wrong check digit', '110105194912310021', 'checksum'],
  ])('rejects %s', (_label, raw, reason) => {
    expect(validateIdNumber(raw)).toEqual({ ok: false, reason });
  });

  it('rejects a birth date after today only when today is given', () => {
    const first17 = '11010520300101001';
    const id = first17 + idCheckCharacter(first17);
    expect(validateIdNumber(id).ok).toBe(true);
    expect(validateIdNumber(id, '2026-06-01')).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber('11010519491231002X', '1949-12-31').ok).toBe(true);
  });

  const birthDays = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const validIds = fc
    .tuple(digits(6), birthDays, digits(3))
    .map(([region, birth, seq]) => region + birth + seq)
    .map((first17) => first17 + idCheckCharacter(first17));

  it('property: 17 digits with a real birth date plus the computed check character validate', () => {
    fc.assert(
      fc.property(validIds, (id) => {
        expect(validateIdNumber(id, '2026-01-01')).toMatchObject({ ok: true, normalized: id });
      }),
    );
  });

  it('property: changing any single digit makes the number invalid', () => {
    fc.assert(
      fc.property(
        validIds,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (id, pos, delta) => {
          const old = id[pos] ?? '';
          const replacement = old === 'X' ? String(delta) : String((Number(old) + delta) % 10);
          const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
          expect(validateIdNumber(changed).ok).toBe(false);
        },
      ),
    );
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('123456')).toBe('****56');
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['010-12345678', '010-****5678'],
    ['0755-1234567', '0755-***4567'],
    ['12345', '*2345'],
    ['123', '***'],
  ])('maskPhone(%s) is %s', (raw, masked) => {
    expect(maskPhone(raw)).toBe(masked);
  });
});

describe('validateChinesePhone', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['008613812345678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['199-0000-1111', '19900001111', 'mobile'],
    ['010-12345678', '010-12345678', 'landline'],
    ['(010)12345678', '010-12345678', 'landline'],
    ['0755-1234567', '0755-1234567', 'landline'],
    ['0755 12345678', '0755-12345678', 'landline'],
    ['+86 10 12345678', '010-12345678', 'landline'],
  ])('accepts %s as %s', (raw, normalized, kind) => {
    expect(validateChinesePhone(raw)).toEqual({ ok: true, normalized, kind });
  });

  it.each([
    ['12812345678', 'mobile with second digit 2'],
    ['1381234567', '10-digit mobile'],
    ['138123456789', '12-digit mobile'],
    ['010-1234567', '7-digit number after a 3-digit area code'],
    ['0755-0234567', 'local number starting with 0'],
    ['12345', 'service short code'],
    ['abc', 'letters'],
  ])('rejects %s (%s)', (raw) => {
    expect(validateChinesePhone(raw)).toEqual({ ok: false });
  });
});
