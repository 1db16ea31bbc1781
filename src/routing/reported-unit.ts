/**
 * Which units a petitioner's free text about the unit they report ("住建局", "南山区住房和建设局的
 * 王科长") may mean. People shorten official names by dropping characters (住房和建设局 → 住建局),
 * so the measure is the longest common subsequence of characters, as a Dice coefficient over both
 * lengths; a unit of the matter's own region or above it ranks before a namesake elsewhere.
 * Only a suggestion: the registrar confirms the unit (an audited command).
 */
export interface UnitName {
  id: number;
  name: string;
  regionCode: string;
}

export interface ReportedUnitSuggestion {
  unitId: number;
  name: string;
  score: number;
}

/** Length of the longest common subsequence of two strings' characters. */
export function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Array<number>(y.length + 1).fill(0);
  for (const cx of x) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      cur[j] = cx === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

const MIN_SCORE = 0.4;

export function suggestReportedUnits(
  text: string | null,
  matterRegion: string,
  units: UnitName[],
  limit = 3,
): ReportedUnitSuggestion[] {
  const t = (text ?? '').replace(/\s+/g, '');
  if (t.length === 0) return [];
  const tLen = [...t].length;
  const scored = units
    .map((u) => {
      const dice = (2 * lcsLength(t, u.name)) / (tLen + [...u.name].length);
      const near = matterRegion.startsWith(u.regionCode) ? 0.05 + u.regionCode.length * 0.001 : 0;
      return { unitId: u.id, name: u.name, dice, score: Math.round((dice + near) * 1000) / 1000 };
    })
    .filter((s) => s.dice >= MIN_SCORE);
  // Only names about as close as the closest: a shared district name alone does not make a match.
  const best = Math.max(0, ...scored.map((s) => s.dice));
  return scored
    .filter((s) => s.dice >= best * 0.8)
    .sort((a, b) => b.score - a.score || a.unitId - b.unitId)
    .slice(0, limit)
    .map(({ unitId, name, score }) => ({ unitId, name, score }));
}
