import type { Rng } from '../../src/text/random.ts';
import { bandKeys, estimateSimilarity } from '../../src/text/similarity/minhash.ts';
import type { Signature } from '../../src/text/similarity/minhash.ts';

/**
 * Building blocks of the duplicate-detection evaluation: synthetic near-duplicates made by the
 * edits people make when they send a petition again, and precision/recall over labelled pairs.
 */

/** A named text edit. */
export interface TextEdit {
  name: string;
  apply: (text: string, rng: Rng) => string;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。！？!?；;])/).filter((s) => s.trim() !== '');
}

/** Edits a re-sent petition typically shows: reordered, shortened, re-greeted, typo'd, amended. */
export const STANDARD_EDITS: readonly TextEdit[] = [
  {
    name: 'drop-sentence',
    apply: (t, rng) => {
      const s = sentences(t);
      if (s.length < 3) return t;
      s.splice(rng.int(s.length), 1);
      return s.join('');
    },
  },
  {
    name: 'swap-sentences',
    apply: (t, rng) => {
      const s = sentences(t);
      if (s.length < 2) return t;
      const i = rng.int(s.length - 1);
      [s[i], s[i + 1]] = [s[i + 1] as string, s[i] as string];
      return s.join('');
    },
  },
  {
    name: 'typos',
    apply: (t, rng) => {
      const chars = [...t];
      const n = Math.max(1, Math.round(chars.length * 0.03));
      for (let k = 0; k < n; k++) chars[rng.int(chars.length)] = chars[rng.int(chars.length)] as string;
      return chars.join('');
    },
  },
  { name: 'greeting', apply: (t) => `尊敬的领导您好：\n${t}\n此致敬礼！` },
  { name: 'truncate-20%', apply: (t) => [...t].slice(0, Math.ceil([...t].length * 0.8)).join('') },
  { name: 'add-sentence', apply: (t) => `${t}这个问题已经反映过多次，至今没有得到解决，希望尽快给予答复。` },
];

/** Applies `count` distinct edits chosen by `rng`; returns the new text and the edits' names. */
export function makeNearDuplicate(
  text: string,
  rng: Rng,
  edits: readonly TextEdit[] = STANDARD_EDITS,
  count = 2,
): { text: string; edits: string[] } {
  const pool = edits.slice();
  let out = text;
  const names: string[] = [];
  for (let k = 0; k < count && pool.length > 0; k++) {
    const [edit] = pool.splice(rng.int(pool.length), 1) as [TextEdit];
    out = edit.apply(out, rng);
    names.push(edit.name);
  }
  return { text: out, edits: names };
}

/** A labelled pair of signatures. */
export interface LabelledPair {
  a: Signature;
  b: Signature;
  duplicate: boolean;
  /** Where the pair comes from ("synthetic", "same-user-same-subject", "random" ...). */
  kind: string;
}

/** Detection figures for one pair kind. */
export interface PairKindResult {
  kind: string;
  duplicate: boolean;
  pairs: number;
  /** Share flagged as duplicates (estimated similarity ≥ threshold). */
  flagged: number;
  /** Share that share an LSH band key (would be found by the index at all). */
  candidates: number;
}

/** Precision/recall at a threshold over all pairs, and per-kind flag and candidate rates. */
export interface DuplicateEvaluation {
  threshold: number;
  precision: number;
  recall: number;
  byKind: PairKindResult[];
}

/** Scores labelled pairs: flagged = estimated Jaccard ≥ `threshold` AND an LSH band in common. */
export function evaluateDuplicatePairs(
  pairs: readonly LabelledPair[],
  threshold: number,
): DuplicateEvaluation {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const kinds = new Map<string, { duplicate: boolean; pairs: number; flagged: number; candidates: number }>();
  for (const p of pairs) {
    const keysA = new Set(bandKeys(p.a));
    const candidate = bandKeys(p.b).some((k) => keysA.has(k));
    const flagged = candidate && estimateSimilarity(p.a, p.b) >= threshold;
    if (flagged && p.duplicate) tp++;
    else if (flagged) fp++;
    else if (p.duplicate) fn++;
    const k = kinds.get(p.kind) ?? { duplicate: p.duplicate, pairs: 0, flagged: 0, candidates: 0 };
    k.pairs++;
    if (flagged) k.flagged++;
    if (candidate) k.candidates++;
    kinds.set(p.kind, k);
  }
  return {
    threshold,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    byKind: [...kinds].map(([kind, k]) => ({
      kind,
      duplicate: k.duplicate,
      pairs: k.pairs,
      flagged: k.flagged / k.pairs,
      candidates: k.candidates / k.pairs,
    })),
  };
}
