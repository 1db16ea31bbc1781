import { describe, expect, it } from 'vitest';
import { STATS_ROLES } from '../analytics/stats-scope.ts';
import { STATS_READER_ROLES } from './stats-roles.ts';

describe('the roles that read statistics', () => {
  it('are the same for the web app’s menu as for the server’s check', () => {
    expect([...STATS_READER_ROLES].sort()).toEqual([...STATS_ROLES].sort());
  });
});
