import { describe, expect, it } from 'vitest';
import { entityNames, extractEntities, learnDomainTerms } from './entities.ts';

describe('extractEntities', () => {
  it('finds estates, companies, roads, villages and projects by suffix', () => {
    const names = entityNames(
      '我是A市A3区杜鹃文苑小区的业主，位于书院路的华远物业公司乱收费。春华镇金鼎村反映58车贷问题',
    );
    expect(names).toEqual(['杜鹃文苑', '书院路', '华远物业', '春华镇', '金鼎村', '58车贷']);
    expect(extractEntities('位于杜鹃文苑小区').map((e) => [e.name, e.kind, e.start])).toEqual([
      ['杜鹃文苑', 'estate', 2],
    ]);
    expect(entityNames('投诉幸福小区物业')).toEqual(['幸福小区']);
  });

  it('does not run a name back across the bureau that is responsible for it', () => {
    expect(entityNames('反映住房和建设局负责蔚蓝海岸项目的工作人员收受宴请')).toEqual(['蔚蓝海岸项目']);
  });

  it('does not take ordinary words for names', () => {
    const names = entityNames('我们村里的道路和城市的农村问题，严重影响小区居民，希望政府解决');
    for (const bad of ['道路', '城市', '农村', '影响小区', '政府', '希望政府'])
      expect(names).not.toContain(bad);
  });

  it('tiles adjacent names and leaves a generic suffix off', () => {
    expect(entityNames('丽发新城小区旁边建搅拌站')).toEqual(['丽发新城']);
    expect(entityNames('碧桂园威尼斯城违建')).toEqual(['碧桂园', '威尼斯城']);
  });
});

describe('learnDomainTerms', () => {
  it('keeps names seen in enough documents, most common first', () => {
    const docs = ['阳光花园小区停车难', '阳光花园小区物业差', '幸福里小区漏水', '东风路拥堵'];
    expect(learnDomainTerms(docs, 2)).toEqual(['阳光花园']);
    expect(learnDomainTerms(docs, 1)).toContain('东风路');
  });
});
