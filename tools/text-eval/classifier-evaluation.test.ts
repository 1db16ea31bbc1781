import { describe, expect, it } from 'vitest';
import { trainClassifier } from '../../src/text/classifier/model.ts';
import type { TrainingRecord } from '../../src/text/classifier/model.ts';
import { TRAINING_FIXTURE } from '../../src/text/test-fixtures.ts';
import { crossValidate, neighbourLabels, stratifiedFolds } from './classifier-evaluation.ts';

describe('classifier evaluation helpers', () => {
  it('builds stratified folds that keep groups together', () => {
    const labels = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b'];
    const folds = stratifiedFolds(labels, 2, 1);
    expect(folds.filter((f, i) => f === 0 && labels[i] === 'a')).toHaveLength(2);
    const grouped = stratifiedFolds(labels, 2, 1, [0, 0, 0, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set([grouped[0], grouped[1], grouped[2]]).size).toBe(1);
    expect(stratifiedFolds(labels, 2, 1)).toEqual(folds);
  });

  it('cross-validates', () => {
    const cv = crossValidate(TRAINING_FIXTURE, {}, 2, 3);
    expect(cv.foldMacroF1).toHaveLength(2);
    expect(cv.predicted).toHaveLength(TRAINING_FIXTURE.length);
    expect(
      cv.predicted.filter((p, i) => p === TRAINING_FIXTURE[i]?.label).length / TRAINING_FIXTURE.length,
    ).toBe(cv.report.accuracy);
    expect(cv.report.macroF1).toBeGreaterThan(0.5);
  });

  it('counts the labels of the nearest training records, the same text first', () => {
    const model = trainClassifier(TRAINING_FIXTURE);
    const wage = TRAINING_FIXTURE.find((r) => r.text?.includes('拖欠工人工资')) as TrainingRecord;
    const [one, three] = [1, 3].map((k) =>
      neighbourLabels(model, TRAINING_FIXTURE, [wage, '学校老师有偿补课，学位紧张'], k),
    );
    expect([...(one?.[0] ?? [])]).toEqual([[wage.label, 1]]);
    expect([...(one?.[1] ?? [])]).toEqual([['教育文体', 1]]);
    const counted = [...(three?.[0]?.values() ?? [])].reduce((a, b) => a + b, 0);
    expect(counted).toBe(3);
  });
});
