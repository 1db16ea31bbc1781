import { describe, expect, it } from 'vitest';
import { suggestRoutes, type RoutingInput, type RuleCandidate, type UnitCandidate } from './suggest.ts';

const input = (over: Partial<RoutingInput> = {}): RoutingInput => ({
  regionCode: '440305001001',
  categoryPath: ['urban_construction.property_management', 'urban_construction'],
  purpose: 'request',
  isMisconductReport: false,
  reportedUnitId: null,
  text: '小区物业不作为',
  ...over,
});
const rule = (over: Partial<RuleCandidate>): RuleCandidate => ({
  id: 1,
  name: 'r',
  regionPrefix: '',
  categoryCode: null,
  purpose: null,
  keywords: [],
  action: 'assign',
  unitId: 1,
  unitName: 'U',
  coUnitIds: [],
  lawfulChannel: null,
  reasonZh: '规则',
  reasonEn: 'rule',
  priority: 0,
  ...over,
});
const housing: UnitCandidate = {
  id: 10,
  name: '住建局',
  kind: 'functional_department',
  regionCode: '440305',
  remitCategory: 'urban_construction',
  remitRegion: '440305',
};
const street: UnitCandidate = {
  id: 20,
  name: '南头街道办',
  kind: 'township_government',
  regionCode: '440305001',
};
const county: UnitCandidate = { id: 21, name: '南山区政府', kind: 'county_government', regionCode: '440305' };
const discipline: UnitCandidate = {
  id: 30,
  name: '区纪委监委',
  kind: 'discipline_inspection',
  regionCode: '440305',
};

describe('routing suggestions', () => {
  it('suggests the competent department (主管) before the local government (属地), each with a reason', () => {
    const s = suggestRoutes(input(), [], [housing], [street, county], [discipline]);
    expect(s.map((x) => x.unitId)).toEqual([10, 20]);
    expect(s[0]!.reasonZh).toContain('谁主管');
    expect(s[1]!.reasonZh).toContain('属地');
  });

  it('picks the nearest local government', () => {
    const s = suggestRoutes(input({ categoryPath: [] }), [], [], [county, street], []);
    expect(s[0]!.unitId).toBe(20);
  });

  it('sends reports of misconduct to discipline inspection and never to the reported unit', () => {
    const s = suggestRoutes(
      input({ isMisconductReport: true, reportedUnitId: 10 }),
      [rule({ unitId: 10 })],
      [housing],
      [street],
      [discipline],
    );
    expect(s[0]!.unitId).toBe(30);
    expect(s.some((x) => x.unitId === 10)).toBe(false);
  });

  it('suggests only discipline inspection for a report whose reported unit is not identified yet', () => {
    for (const over of [{ isMisconductReport: true }, { purpose: 'accusation' }]) {
      const s = suggestRoutes(input(over), [rule({ unitId: 1 })], [housing], [street, county], [discipline]);
      expect(s.map((x) => x.unitId)).toEqual([30]);
    }
  });

  it('routes litigation-type matters to the lawful channel when a keyword rule matches (诉访分离)', () => {
    const r = rule({
      action: 'lawful_channel',
      unitId: null,
      lawfulChannel: 'litigation',
      keywords: ['判决'],
      reasonZh: '已有生效判决',
      reasonEn: 'judgment',
    });
    expect(suggestRoutes(input({ text: '不服法院判决' }), [r], [housing], [], [])[0]).toMatchObject({
      action: 'lawful_channel',
      lawfulChannel: 'litigation',
    });
    expect(suggestRoutes(input({ text: '物业' }), [r], [housing], [], [])[0]!.action).toBe('assign');
  });

  it('prefers the more specific rule', () => {
    const general = rule({ id: 1, unitId: 1, unitName: 'A', regionPrefix: '4403' });
    const specific = rule({
      id: 2,
      unitId: 2,
      unitName: 'B',
      regionPrefix: '440305001',
      categoryCode: 'urban_construction.property_management',
    });
    expect(suggestRoutes(input(), [general, specific], [], [], [])[0]!.unitId).toBe(2);
    expect(
      suggestRoutes(input({ regionCode: '440306' }), [general, specific], [], [], []).map((s) => s.unitId),
    ).toEqual([1]);
  });
});
