import { describe, expect, it } from 'vitest';
import { classifySearchTerm } from './petitioner-search.ts';

describe('what a petitioner search term is', () => {
  it('is a whole ID number (upper-case X) or a whole phone number, normalised as stored', () => {
    expect(classifySearchTerm('44030519800101001x')).toEqual({
      by: 'id_number',
      value: '44030519800101001X',
    });
    expect(classifySearchTerm(' 138 0013 8000 ')).toEqual({ by: 'phone', value: '13800138000' });
    expect(classifySearchTerm('+86 138-0013-8000')).toEqual({ by: 'phone', value: '13800138000' });
    expect(classifySearchTerm('0755-86001234')).toEqual({ by: 'phone', value: '0755-86001234' });
  });

  it('is nothing when it is a part of a number, so no number is read back digit by digit', () => {
    for (const q of ['1', '13', '1380013', '1380013800', '4403051980010100', '44030519800101001', '张三1'])
      expect(classifySearchTerm(q)).toEqual({ by: 'nothing' });
  });

  it('is the beginning of a name otherwise (two characters at least)', () => {
    expect(classifySearchTerm('张三')).toEqual({ by: 'name', prefix: '张三' });
    expect(classifySearchTerm('张')).toEqual({ by: 'nothing' });
  });
});
