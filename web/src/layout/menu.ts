import type { Role } from '../../../src/shared/enums.ts';
import { STATS_READER_ROLES } from '../../../src/shared/stats-roles.ts';
import type { Messages } from '../i18n/zh.ts';

export interface MenuEntry {
  key: string;
  path:
    | '/'
    | '/queue'
    | '/register'
    | '/instructions'
    | '/supervision'
    | '/work'
    | '/hot-issues'
    | '/stats'
    | '/admin';
  label: (m: Messages) => string;
  roles: readonly Role[];
}

const HANDLING: Role[] = ['registrar', 'officer', 'unit_head', 'leader', 'supervisor', 'analyst'];

/** Each role sees only the entries it may use (the server enforces the same rules). */
export const MENU: MenuEntry[] = [
  { key: 'home', path: '/', label: (m) => m.nav.home, roles: [...HANDLING, 'admin'] },
  { key: 'queue', path: '/queue', label: (m) => m.nav.queue, roles: HANDLING },
  {
    key: 'register',
    path: '/register',
    label: (m) => m.nav.register,
    roles: ['registrar', 'officer', 'unit_head', 'leader'],
  },
  {
    key: 'instructions',
    path: '/instructions',
    label: (m) => m.nav.instructions,
    roles: ['leader', 'officer', 'unit_head', 'supervisor'],
  },
  {
    key: 'supervision',
    path: '/supervision',
    label: (m) => m.nav.supervision,
    roles: ['supervisor', 'officer', 'unit_head'],
  },
  { key: 'work', path: '/work', label: (m) => m.nav.work, roles: [...HANDLING, 'admin'] },
  { key: 'hot', path: '/hot-issues', label: (m) => m.nav.hotIssues, roles: HANDLING },
  { key: 'stats', path: '/stats', label: (m) => m.nav.stats, roles: STATS_READER_ROLES },
  { key: 'admin', path: '/admin', label: (m) => m.nav.admin, roles: ['admin'] },
];

export const menuFor = (roles: readonly Role[]) => MENU.filter((e) => e.roles.some((r) => roles.includes(r)));
