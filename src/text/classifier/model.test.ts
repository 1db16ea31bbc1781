import { describe, expect, it } from 'vitest';
import { TRAINING_FIXTURE, UNSEEN_FIXTURE } from '../test-fixtures.ts';
import { classificationReport } from './metrics.ts';
import { predict, trainClassifier } from './model.ts';

describe('trainClassifier / predict', () => {
  const model = trainClassifier(TRAINING_FIXTURE, { trainedAt: '2024-01-01T00:00:00.000Z' });

  it('learns the categories of hand-written petitions and ranks three', () => {
    for (const u of UNSEEN_FIXTURE) {
      const p = predict(model, u);
      expect(p.category, u.body).toBe(u.label);
      expect(p.top).toHaveLength(3);
      expect(p.top[0]?.category).toBe(p.category);
      expect(p.confidence).toBe(p.top[0]?.score);
      expect(p.top[0]!.score).toBeGreaterThanOrEqual(p.top[1]!.score);
    }
  });

  it('reads raw, pre-segmented and traditional text alike', () => {
    expect(predict(model, { text: '公司 拖欠 工人 工资 讨薪' }).category).toBe('劳动和社会保障');
    expect(predict(model, { subject: '公司拖欠工人工资', body: '' }).category).toBe('劳动和社会保障');
    expect(predict(model, { subject: '噪音汙染', body: '工廠機器噪音和廢氣汙染嚴重' }).category).toBe(
      '环境保护',
    );
  });

  it('is deterministic', () => {
    const again = trainClassifier(TRAINING_FIXTURE, { trainedAt: '2024-01-01T00:00:00.000Z' });
    expect(again.vectorizer.keys).toEqual(model.vectorizer.keys);
    expect(again.linear.weights).toEqual(model.linear.weights);
  });

  it('flags non-Chinese and unknown-word texts as low confidence instead of failing', () => {
    const english = predict(model, { subject: 'Hello', body: 'This is a complaint written in English.' });
    expect(english.lowConfidence).toBe(true);
    expect(english.reason).toBe('not_chinese');
    const unknown = predict(model, { subject: '嗯嗯', body: '啊哈哈哈哈' });
    expect(unknown.lowConfidence).toBe(true);
    expect(unknown.reason).toBe('no_known_words');
  });

  it('reads only the first predictMaxChars characters, and says so', () => {
    const wages = '公司拖欠工人工资，老板失联，讨薪无门。';
    const fumes = '工厂排放废气，噪音污染严重，河水发黑发臭。'.repeat(100);
    const petition = { subject: '反映问题', body: wages + fumes };
    const capped = predict({ ...model, predictMaxChars: 20 }, petition);
    expect(capped.truncated).toBe(true);
    expect(capped.category).toBe('劳动和社会保障');
    const whole = predict({ ...model, predictMaxChars: 20_000 }, petition);
    expect(whole.truncated).toBe(false);
    expect(whole.category).toBe('环境保护');
  });

  it('reports truncation of huge input', () => {
    const p = predict(model, { subject: '拖欠工资', body: '公司拖欠工人工资。'.repeat(4000) });
    expect(p.truncated).toBe(true);
    expect(p.category).toBe('劳动和社会保障');
  });

  it('throws typed errors for empty and binary input', () => {
    expect(() => predict(model, { subject: '', body: '  ' })).toThrowError(
      expect.objectContaining({ code: 'text_empty' }) as Error,
    );
    expect(() => predict(model, { body: '\u0000\u0001PK\u0003\u0004' })).toThrowError(
      expect.objectContaining({ code: 'text_binary' }) as Error,
    );
  });

  it('rejects training data without labels or with one label', () => {
    expect(() => trainClassifier([{ label: '', text: '小区' }])).toThrowError(
      expect.objectContaining({ code: 'training_data_invalid' }) as Error,
    );
    expect(() =>
      trainClassifier([
        { label: 'a', text: '小区物业' },
        { label: 'a', text: '停车费' },
      ]),
    ).toThrowError(expect.objectContaining({ code: 'training_data_invalid' }) as Error);
  });

  it('skips empty records and counts them', () => {
    const m = trainClassifier([...TRAINING_FIXTURE, { label: '城乡建设', text: '！！！' }]);
    expect(m.training.skipped).toBe(1);
    expect(m.training.records).toBe(TRAINING_FIXTURE.length);
  });

  it('has a naive Bayes baseline with the same interface', () => {
    const nb = trainClassifier(TRAINING_FIXTURE, { algorithm: 'naive-bayes' });
    const right = UNSEEN_FIXTURE.filter((u) => predict(nb, u).category === u.label).length;
    expect(right).toBeGreaterThanOrEqual(4);
  });
});

describe('classificationReport', () => {
  it('computes macro-F1 and per-class figures', () => {
    const r = classificationReport(['a', 'b'], ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.accuracy).toBe(0.75);
    expect(r.perClass[0]).toMatchObject({ label: 'a', precision: 1, recall: 0.5, support: 2 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
    expect(r.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });
});
