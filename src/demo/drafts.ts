import type { PetitionerInput } from '../shared/schemas.ts';
import type { Rng } from '../text/random.ts';
import { demoData, fillIn } from './data.ts';
import { DISTRICT, NANSHAN_STREET, type DemoOrg, type UnitKey } from './org.ts';
import { ORGANISATION_SUFFIXES, type PeopleFactory } from './people.ts';
import type { MatterSpec } from './plan.ts';
import type { DemoText, TextPool } from './texts.ts';
import type { Timeline } from './timeline.ts';

const ORG = demoData('org.json');
const PEOPLE = demoData('people.json');

/** A demo matter before and while it is driven through the services: its text, place and petitioners. */
export interface Draft {
  spec: MatterSpec;
  timeline: Timeline;
  text: DemoText;
  regionCode: string;
  petitioners: PetitionerInput[];
  headCount: number | undefined;
  reportedUnit: UnitKey | null;
  /** An online report of misconduct whose reported unit the registrar has not identified yet. */
  unidentified?: boolean;
  id: number | null;
  caseNumber: string | null;
  stopped: boolean;
}

function pickOf<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

export function makeDraft(
  spec: MatterSpec,
  timeline: Timeline,
  org: DemoOrg,
  pool: TextPool,
  people: PeopleFactory,
  rng: Rng,
  original?: Draft,
): Draft {
  const base = { spec, timeline, id: null, caseNumber: null, stopped: false };
  if (original) {
    return {
      ...base,
      text: original.text,
      regionCode: original.regionCode,
      petitioners: original.petitioners.slice(0, 1).map((p) => ({ ...p, isRepresentative: false })),
      headCount: undefined,
      reportedUnit: original.reportedUnit,
    };
  }
  const reportedUnit: UnitKey | null =
    spec.topic === 'misconduct' ? (rng.next() < 0.7 ? 'housing' : 'education') : null;
  const text = pool.take(spec.topic, reportedUnit ? { reported: org.unitNames[reportedUnit] } : {});

  let regionCode: string;
  if (spec.place === 'outside') regionCode = ORG.outsideRegion;
  else {
    const candidates = org.communities.filter((c) =>
      spec.place === 'nanshan_street' ? c.streetCode === NANSHAN_STREET : true,
    );
    const community = pickOf(rng, candidates.length > 0 ? candidates : org.communities);
    regionCode = community
      ? community.grids.length > 0 && rng.next() < 0.6
        ? pickOf(rng, community.grids)
        : community.code
      : DISTRICT;
  }
  const community = org.communities.find((c) => regionCode.startsWith(c.code));
  const streetName = community
    ? (org.streetOffices.get(community.streetCode)?.name.replace(/办事处$/, '') ?? '')
    : '';
  const address = () => {
    const building = String(1 + rng.int(30));
    const floor = String(1 + rng.int(30));
    const room = String(1 + rng.int(8));
    return fillIn(PEOPLE.address, {
      street: streetName,
      community: community?.name ?? '',
      building,
      floor,
      room,
    });
  };

  const person = (isRepresentative: boolean, withId: boolean): PetitionerInput => {
    const p = people.person();
    return {
      kind: 'person',
      name: p.name,
      ...(withId ? { idNumber: p.idNumber } : {}),
      phone: p.phone,
      ...(rng.next() < 0.6 ? { address: address() } : {}),
      isRepresentative,
    };
  };
  let petitioners: PetitionerInput[];
  let headCount: number | undefined;
  if (spec.collective) {
    const reps = 1 + rng.int(5);
    const others = rng.int(3);
    petitioners = [
      ...Array.from({ length: reps }, () => person(true, true)),
      ...Array.from({ length: others }, () => person(false, rng.next() < 0.5)),
    ];
    headCount = Math.max(petitioners.length, 5 + rng.int(26));
  } else if (spec.topic === 'urban_construction' && spec.channel !== 'visit' && rng.next() < 0.08) {
    petitioners = [
      {
        kind: 'organisation',
        name: `${community?.name ?? '南山'}${pickOf(rng, ORGANISATION_SUFFIXES)}`,
        phone: people.phone(),
        isRepresentative: false,
      },
    ];
  } else {
    petitioners = [
      person(false, rng.next() < (spec.channel === 'web' || spec.channel === 'phone' ? 0.5 : 0.85)),
    ];
  }
  return { ...base, text, regionCode, petitioners, headCount, reportedUnit };
}
