/** Hot-issue discovery: grouping matters about one concrete thing and ranking the groups by heat. */
export { findHotIssues, parseTime } from './cluster.ts';
export type { HotIssue, HotIssueInput, HotIssueOptions, HotIssueResult } from './cluster.ts';
export { heatIndex, isRising, RISING_WINDOW_DAYS } from './heat.ts';
export type { GroupActivity } from './heat.ts';
