import { describe, expect, it } from 'vitest';
import { analyze, mergeDomainTerms, petitionString } from './analyze.ts';
import { createSegmenter, isPreSegmented, tokenize } from './segment.ts';

describe('isPreSegmented', () => {
  it('recognises space-separated words and tells raw text apart', () => {
    expect(isPreSegmented('投诉 物业 违规 收 停车费')).toBe(true);
    expect(isPreSegmented('投诉物业违规收停车费，请处理。')).toBe(false);
    expect(isPreSegmented('小区 物业')).toBe(false);
    expect(isPreSegmented('hello big world')).toBe(false);
  });
});

describe('tokenize', () => {
  const segmenter = createSegmenter();

  it('cuts raw text and drops stop words, punctuation, numbers and single letters', () => {
    const tokens = tokenize('A市的小区物业公司乱收停车费，2019年我们反映了3次！', segmenter);
    expect(tokens).toContain('物业公司');
    expect(tokens).toContain('停车费');
    expect(tokens).toContain('市');
    for (const gone of ['的', '我们', '了', '，', '！', '2019', '3', 'a']) expect(tokens).not.toContain(gone);
  });

  it('lower-cases Latin words and keeps Chinese words as cut', () => {
    expect(tokenize('手机APP经常闪退', segmenter)).toEqual(expect.arrayContaining(['手机', 'app', '闪退']));
  });

  it('splits pre-segmented text on spaces and applies the same filters', () => {
    expect(tokenize('投诉 的 物业 违规 收 停车费 2019', segmenter)).toEqual([
      '投诉',
      '物业',
      '违规',
      '收',
      '停车费',
    ]);
  });

  it('keeps domain terms whole', () => {
    const withTerms = createSegmenter(['杜鹃文苑小区']);
    expect(tokenize('杜鹃文苑小区外要开汽车检测站', withTerms)).toContain('杜鹃文苑小区');
  });
});

describe('analyze', () => {
  it('joins subject and body and merges pre-segmented domain terms', () => {
    expect(petitionString({ subject: '停车费', body: '物业乱收费' })).toBe('停车费。物业乱收费');
    expect(petitionString({ text: '已 分词', subject: 'x' })).toBe('已 分词');
    expect(mergeDomainTerms(['杜鹃', '文苑', '小区', '外'], new Set(['杜鹃文苑小区']))).toEqual([
      '杜鹃文苑小区',
      '外',
    ]);
    const a = analyze({ text: '杜鹃 文苑 小区 检测站 噪音' }, createSegmenter(), {
      domainTermSet: new Set(['杜鹃文苑小区']),
    });
    expect(a.preSegmented).toBe(true);
    expect(a.tokens).toEqual(['杜鹃文苑小区', '检测站', '噪音']);
  });
});
