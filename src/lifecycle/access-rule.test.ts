import { describe, expect, it } from 'vitest';
import type { StaffUser } from '../auth/staff-user.ts';
import type { MatterAccessFacts } from './access-rule.ts';
import { canSeeMatter } from './policy.ts';

const unit = (id: number, kind: string, regionCode = '440305'): StaffUser['unit'] => ({
  id,
  name: `u${id}`,
  kind,
  level: 'county',
  regionCode,
});
const user = (u: StaffUser['unit']): StaffUser => ({
  id: 1,
  username: 'x',
  displayName: 'x',
  roles: ['officer', 'unit_head', 'leader', 'supervisor', 'analyst'],
  unit: u,
});
const BUREAU = unit(1, 'petition_bureau');
const HOUSING = unit(2, 'functional_department');
const LABOUR = unit(3, 'functional_department');
const DISCIPLINE = unit(4, 'discipline_inspection');
const STREET = unit(5, 'township_government', '440305001');
const COUNTY = unit(6, 'county_government');

const matter = (o: Partial<MatterAccessFacts> = {}): MatterAccessFacts => ({
  regionCode: '440305001001',
  registeringUnitId: BUREAU.id,
  leadUnitId: null,
  leadUnitLevel: null,
  leadUnitKind: null,
  coUnitIds: [],
  isMisconductReport: false,
  reportedUnitId: null,
  reviewUnitLevel: null,
  reviewUnitKind: null,
  recheckUnitId: null,
  ...o,
});

describe('who may see a matter', () => {
  it('shows the region subtree to petition bureaus and people’s governments, not to departments', () => {
    const m = matter();
    expect(canSeeMatter(user(BUREAU), m)).toBe(true);
    expect(canSeeMatter(user(STREET), m)).toBe(true);
    expect(canSeeMatter(user(COUNTY), m)).toBe(true);
    expect(canSeeMatter(user(HOUSING), m)).toBe(false);
    expect(canSeeMatter(user(DISCIPLINE), m)).toBe(false);
    expect(canSeeMatter(user(STREET), matter({ regionCode: '440305002' }))).toBe(false);
  });

  it('shows a department the matters it registered, leads or co-handles', () => {
    expect(canSeeMatter(user(HOUSING), matter({ registeringUnitId: HOUSING.id }))).toBe(true);
    expect(canSeeMatter(user(HOUSING), matter({ leadUnitId: HOUSING.id }))).toBe(true);
    expect(canSeeMatter(user(LABOUR), matter({ leadUnitId: HOUSING.id, coUnitIds: [LABOUR.id] }))).toBe(true);
    expect(canSeeMatter(user(LABOUR), matter({ leadUnitId: HOUSING.id }))).toBe(false);
  });

  it('shows a report of misconduct only to its registering bureau and the body it is routed to', () => {
    const unrouted = matter({ isMisconductReport: true });
    expect(canSeeMatter(user(BUREAU), unrouted)).toBe(true);
    for (const u of [HOUSING, LABOUR, DISCIPLINE, STREET, COUNTY])
      expect(canSeeMatter(user(u), unrouted)).toBe(false);
    const routed = matter({ isMisconductReport: true, leadUnitId: DISCIPLINE.id });
    expect(canSeeMatter(user(DISCIPLINE), routed)).toBe(true);
    expect(canSeeMatter(user(COUNTY), routed)).toBe(false);
  });

  it('never shows a report of misconduct to the unit it reports, even one that registered or handles it', () => {
    const m = matter({
      isMisconductReport: true,
      reportedUnitId: HOUSING.id,
      registeringUnitId: HOUSING.id,
      coUnitIds: [HOUSING.id],
    });
    expect(canSeeMatter(user(HOUSING), m)).toBe(false);
    expect(canSeeMatter(user(HOUSING), matter({ reportedUnitId: HOUSING.id, leadUnitId: HOUSING.id }))).toBe(
      true,
    );
  });
});
