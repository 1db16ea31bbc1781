import { describe, expect, it } from 'vitest';
import { validateChinesePhone, validateIdNumber } from '../intake/id-number.ts';
import { createRng } from '../text/random.ts';
import { makeIdNumber, PeopleFactory } from './people.ts';

describe('demo people', () => {
  it('makes valid GB 11643 numbers whose sequence parity gives the sex', () => {
    const male = makeIdNumber('440305', '1980-02-29', 122, 'male');
    const female = makeIdNumber('440305', '1980-02-29', 122, 'female');
    expect(validateIdNumber(male)).toMatchObject({
      ok: true,
      sex: 'male',
      birthDate: '1980-02-29',
      regionCode: '440305',
    });
    expect(validateIdNumber(female)).toMatchObject({ ok: true, sex: 'female' });
  });

  it('generates distinct people registered in 深圳市 with valid mobile numbers', () => {
    const f = new PeopleFactory(createRng(7));
    const people = Array.from({ length: 500 }, () => f.person());
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(500);
    expect(new Set(people.map((p) => p.phone)).size).toBe(500);
    for (const p of people) {
      const id = validateIdNumber(p.idNumber, '2026-01-01');
      expect(id.ok).toBe(true);
      if (id.ok) {
        expect(id.regionCode).toMatch(/^4403(0[3-9]|1[01])$/);
        expect(id.sex).toBe(p.sex);
        expect(id.birthDate).toBe(p.birthDate);
      }
      expect(p.phone).toMatch(/^1[358]\d{9}$/);
      expect(validateChinesePhone(p.phone)).toMatchObject({ ok: true, kind: 'mobile' });
      expect(p.name.length).toBeGreaterThanOrEqual(2);
      expect(p.name.length).toBeLessThanOrEqual(4);
    }
  });

  it('is reproducible from its seed', () => {
    const a = new PeopleFactory(createRng(42)).person();
    const b = new PeopleFactory(createRng(42)).person();
    expect(a).toEqual(b);
  });
});
