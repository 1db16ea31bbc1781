/**
 * How hot an issue is, and whether it is rising. Kept apart from clustering so the weights can be
 * read, argued about and changed in one place.
 */

/** The facts about one group of matters that heat is computed from. */
export interface GroupActivity {
  size: number;
  people: number;
  likes: number;
  against: number;
  /** Epoch milliseconds of each matter, any order. */
  times: readonly number[];
}

const DAY_MS = 86_400_000;
/** The window "recent" means for rising issues. */
export const RISING_WINDOW_DAYS = 30;

/**
 * Heat index: 2·ln(1+people) + ln(1+matters) + ln(1+likes) − 0.5·ln(1+against) + ln(1+monthly rate).
 * People count double because a hundred neighbours outweigh one person writing a hundred times;
 * logarithms keep one viral post from drowning steady complaints; the monthly rate (matters per
 * 30 days over the group's span, at least one month) rewards a burst over the same volume spread
 * across years.
 */
export function heatIndex(g: GroupActivity): number {
  const spanDays = g.times.length === 0 ? 0 : (Math.max(...g.times) - Math.min(...g.times)) / DAY_MS;
  const monthlyRate = g.size / Math.max(1, spanDays / 30);
  const heat =
    2 * Math.log1p(g.people) +
    Math.log1p(g.size) +
    Math.log1p(g.likes) -
    0.5 * Math.log1p(g.against) +
    Math.log1p(monthlyRate);
  return Math.round(heat * 100) / 100;
}

/**
 * Rising: at least two matters in the last {@link RISING_WINDOW_DAYS} days before `now`, and more
 * than twice what the group's own history before the window would predict for that long (a
 * group with no history before the window is rising as soon as it has two recent matters).
 */
export function isRising(times: readonly number[], now: number): boolean {
  const windowStart = now - RISING_WINDOW_DAYS * DAY_MS;
  const recent = times.filter((t) => t > windowStart && t <= now).length;
  if (recent < 2) return false;
  const before = times.filter((t) => t <= windowStart);
  if (before.length === 0) return true;
  const historyDays = Math.max(RISING_WINDOW_DAYS, (windowStart - Math.min(...before)) / DAY_MS);
  const expected = (before.length / historyDays) * RISING_WINDOW_DAYS;
  return recent > 2 * expected;
}
