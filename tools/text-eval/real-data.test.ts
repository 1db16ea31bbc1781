// Checks on the shared real-petition data (2020 TipDM Cup). Skipped, with a printed reason, where
// the data folder is absent; the full figures come from `npm run eval:text`.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.ts';
import { overlappingRecords } from './classifier-evaluation.ts';
import { classificationReport } from '../../src/text/classifier/metrics.ts';
import { predict, trainClassifier } from '../../src/text/classifier/model.ts';
import type { ClassifierModel, TrainingRecord } from '../../src/text/classifier/model.ts';
import { hasTextData, readTextData, textDataDir } from '../../src/text/dataset.ts';
import type { BoardMessage } from '../../src/text/dataset.ts';
import { findHotIssues } from '../../src/text/hot-issues/cluster.ts';
import { createSegmenter } from '../../src/text/segment.ts';
import { estimateSimilarity, signature } from '../../src/text/similarity/minhash.ts';

const exists = ['labelled_segmented.jsonl', 'labelled_sample.jsonl', 'messages.jsonl'].every((f) =>
  hasTextData(f),
);
if (!exists)
  console.log(
    `SKIPPED text data tests: ${textDataDir()} not found (set MINSHENG_TEXT_DATA to the tipdm2020 folder)`,
  );

describe.skipIf(!exists)('on the shared real petitions', () => {
  let sample: TrainingRecord[] = [];
  let model: ClassifierModel;
  let messages: BoardMessage[] = [];

  beforeAll(() => {
    const segmented = readTextData<TrainingRecord>('labelled_segmented.jsonl');
    sample = readTextData<TrainingRecord>('labelled_sample.jsonl');
    messages = readTextData<BoardMessage>('messages.jsonl');
    // Train without the rows that are the sample's own messages, so the test is on unseen text.
    const seg = createSegmenter();
    const overlap = overlappingRecords(
      segmented.map((r) => analyze(r, seg).tokens),
      sample.map((r) => analyze(r, seg).tokens),
    );
    model = trainClassifier(
      segmented.filter((_, i) => !overlap.has(i)),
      { trainedAt: '2024-01-01T00:00:00.000Z' },
    );
  }, 240_000);

  it('classifies raw messages it never saw with macro-F1 of at least 0.84', () => {
    const predicted = sample.map((r) => predict(model, r).category);
    const report = classificationReport(
      model.labels,
      sample.map((r) => r.label),
      predicted,
    );
    console.log(
      `raw labelled_sample macro-F1 ${report.macroF1.toFixed(3)} (accuracy ${report.accuracy.toFixed(3)})`,
    );
    expect(report.macroF1).toBeGreaterThanOrEqual(0.84);
  });

  it('flags real repeat petitions of one person as near-duplicates and not random pairs', () => {
    const bySubject = new Map<string, BoardMessage[]>();
    for (const m of messages)
      bySubject.set(`${m.user}|${m.subject}`, [...(bySubject.get(`${m.user}|${m.subject}`) ?? []), m]);
    const repeats = [...bySubject.values()].filter((ms) => ms.length > 1);
    const flagged = repeats.filter(
      (ms) => estimateSimilarity(signature(ms[0]!), signature(ms[1]!)) >= 0.5,
    ).length;
    expect(flagged / repeats.length).toBeGreaterThan(0.7);
    let falseFlags = 0;
    for (let i = 0; i + 1 < 2000; i += 2) {
      const a = messages[i]!;
      const b = messages[i + 1]!;
      if (a.subject !== b.subject && estimateSimilarity(signature(a), signature(b)) >= 0.5) falseFlags++;
    }
    expect(falseFlags).toBeLessThanOrEqual(2);
  });

  it('finds hot issues about real estates and cases with many complainants', () => {
    const { issues } = findHotIssues(
      messages.map((m) => ({ ...m, id: m.id })),
      { top: 5 },
    );
    const labels = issues.map((i) => i.label).join(' | ');
    console.log(`top hot issues: ${labels}`);
    expect(labels).toContain('丽发新城');
    expect(labels).toContain('58车贷');
    for (const i of issues) expect(i.people).toBeGreaterThanOrEqual(5);
  }, 60_000);
});
