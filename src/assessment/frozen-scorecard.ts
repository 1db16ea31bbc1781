import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Scorecard } from '../shared/stats.schema.ts';

/**
 * What a frozen scorecard holds and how it is sealed, over plain data: the scorecard as computed at
 * the year end, who froze it, what it corrects; its SHA-256 over the canonical JSON (keys in stable
 * order, safe-stable-stringify, as the audit chain hashes events). Anyone holding the stored JSON can
 * recompute the hash; the freezing event in the stream repeats it, so the chain vouches for it.
 */
export interface FrozenSnapshot {
  kind: 'minsheng.frozen-scorecard';
  version: 1;
  year: number;
  region: { code: string; name: string };
  period: { from: string; to: string };
  weights: Scorecard['weights'];
  rows: Scorecard['rows'];
  computedAt: string;
  frozenAt: string;
  frozenBy: { id: number; name: string; unitId: number; unitName: string };
  /** A correction names the snapshot it supersedes, by id and hash, and why. */
  supersedes: { id: number; sha256: string } | null;
  reason: string | null;
}

/** The stream of a year's frozen scorecards of a region: every freeze and correction, hash-chained. */
export const scorecardStream = (year: number, regionCode: string) => `scorecard:${year}:${regionCode}`;

export function snapshotOf(
  card: Scorecard,
  frozen: { at: Date; by: FrozenSnapshot['frozenBy'] },
  supersedes: FrozenSnapshot['supersedes'] = null,
  reason: string | null = null,
): FrozenSnapshot {
  // Through JSON once, so what is hashed is exactly what the jsonb column gives back (dates as ISO
  // strings, no undefined).
  const rows = JSON.parse(JSON.stringify(card.rows)) as Scorecard['rows'];
  return {
    kind: 'minsheng.frozen-scorecard',
    version: 1,
    year: card.year,
    region: { code: card.region.code, name: card.region.name },
    period: { from: card.period.from, to: card.period.to },
    weights: JSON.parse(JSON.stringify(card.weights)) as Scorecard['weights'],
    rows,
    computedAt: new Date(card.generatedAt).toISOString(),
    frozenAt: frozen.at.toISOString(),
    frozenBy: frozen.by,
    supersedes,
    reason,
  };
}

/** The canonical JSON of a snapshot: the text its hash is taken over. */
export const canonicalJson = (snapshot: unknown): string => stringify(snapshot) ?? '';

export const snapshotHash = (snapshot: unknown): string =>
  createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
