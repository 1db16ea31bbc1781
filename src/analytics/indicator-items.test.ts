import { describe, expect, it } from 'vitest';
import { INDICATOR_ITEMS } from '../shared/stats-definitions.ts';
import { INDICATORS } from '../shared/stats.schema.ts';
import { INDICATOR_SQL } from './indicators.sql.ts';

describe('what each indicator counts, as the queue explains it', () => {
  it('names an item for exactly the indicators that count limits, decisions or cards, not matters', () => {
    for (const k of INDICATORS) {
      const source = INDICATOR_SQL[k].source;
      if (source === 'matters') expect(INDICATOR_ITEMS[k], k).toBeUndefined();
      else if (source === 'deadlines') expect(INDICATOR_ITEMS[k], k).toBe('limit');
      else if (source === 'cards') expect(INDICATOR_ITEMS[k], k).toBe('card');
      else expect(['reply', 'review'], k).toContain(INDICATOR_ITEMS[k]);
    }
  });
});
