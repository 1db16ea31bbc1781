export * from './calendar.ts';
export * from './dates.ts';
export * from './deadline.ts';
export { buildOfficialNotices, loadOfficialNotices } from './official-notices.ts';
export type { OfficialDay, OfficialNotices } from './official-notices.ts';
export { FALLBACK_YEARS, lunarToSolar, qingmingDate, statutoryHolidays } from './statutory-fallback.ts';
export type { StatutoryHoliday } from './statutory-fallback.ts';
export { DEFAULT_TIME_ZONE, endOfLocalDay, localDateOf, startOfLocalDay } from './zoned.ts';
