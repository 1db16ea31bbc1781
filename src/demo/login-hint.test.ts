import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { zh } from '../../web/src/i18n/zh.ts';
import { USER_SEEDS } from './org.ts';

describe('the login page’s list of demo users', () => {
  it('names every demo login, in both languages', () => {
    for (const hint of [zh.auth.demoHint, en.auth.demoHint]) {
      const listed = hint.split(/[：:、,;，；\s]+/);
      for (const u of USER_SEEDS) expect(listed, u.username).toContain(u.username);
    }
  });
});
