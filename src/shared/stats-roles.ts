/**
 * Who may read statistics, for the web app's menu and guards; the server checks the same list
 * (analytics/stats-scope.ts STATS_ROLES, which stats-roles.test.ts keeps equal to this one).
 *
 * No server-only imports here: the web app bundles this module.
 */
import type { Role } from './enums.ts';

export const STATS_READER_ROLES: readonly Role[] = ['unit_head', 'leader', 'supervisor', 'analyst', 'admin'];
