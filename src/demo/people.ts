import { idCheckCharacter } from '../intake/id-number.ts';
import type { Rng } from '../text/random.ts';
import { demoData } from './data.ts';

/**
 * Fake but well-formed people for the demo (data/people.json): common surnames and given names,
 * valid GB 11643 ID numbers registered in 深圳市 (4403xx), and mobile numbers. None is a real person's.
 */

const PEOPLE = demoData('people.json');
/** County-level codes of 深圳市 (GB/T 2260): where the demo's petitioners' ID numbers were issued. */
export const SHENZHEN_COUNTIES: readonly string[] = PEOPLE.idRegions;
/** Kinds of groups that petition in their own name, after a community's name. */
export const ORGANISATION_SUFFIXES: readonly string[] = PEOPLE.organisationSuffixes;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)] as T;

export interface FakePerson {
  name: string;
  sex: 'male' | 'female';
  idNumber: string;
  phone: string;
  birthDate: string;
}

/** A valid 18-character ID number: region, birth date, a sequence whose parity gives the sex, check character. */
export function makeIdNumber(region: string, birthDate: string, seq: number, sex: 'male' | 'female'): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (sex === 'male')) s = s === 999 ? 998 : s + 1;
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(s).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** Generates distinct people: no two share an ID number or a phone number. */
export class PeopleFactory {
  private readonly ids = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly rng: Rng) {}

  name(sex: 'male' | 'female' = this.rng.next() < 0.5 ? 'male' : 'female'): string {
    return randomName(this.rng, sex);
  }

  phone(): string {
    for (;;) {
      const p = pick(this.rng, PEOPLE.mobilePrefixes) + String(this.rng.int(100_000_000)).padStart(8, '0');
      if (!this.phones.has(p)) {
        this.phones.add(p);
        return p;
      }
    }
  }

  /** A person born between 1948 and 2004 (adults on any date of the demo). */
  person(): FakePerson {
    const sex = this.rng.next() < 0.5 ? 'male' : 'female';
    const year = 1948 + this.rng.int(57);
    const month = 1 + this.rng.int(12);
    const day = 1 + this.rng.int(28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    for (;;) {
      const id = makeIdNumber(pick(this.rng, SHENZHEN_COUNTIES), birthDate, this.rng.int(1000), sex);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return { name: this.name(sex), sex, idNumber: id, phone: this.phone(), birthDate };
      }
    }
  }
}

/** Grid leaders, officers' display names and the like. */
export function randomName(rng: Rng, sex: 'male' | 'female' = rng.next() < 0.5 ? 'male' : 'female'): string {
  return pick(rng, PEOPLE.surnames) + pick(rng, sex === 'male' ? PEOPLE.givenMale : PEOPLE.givenFemale);
}
