import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTextError } from './errors.ts';
import {
  cjkRatio,
  hasTraditional,
  MAX_TEXT_CHARS,
  normalizeText,
  stripBoilerplate,
  toHalfWidth,
  toSimplified,
} from './normalize.ts';

describe('toSimplified', () => {
  it('converts Taiwan and Hong Kong traditional text, with Taiwan phrases', () => {
    expect(toSimplified('請問社區的衛生問題何時解決')).toBe('请问社区的卫生问题何时解决');
    expect(toSimplified('軟體')).toBe('软件');
    expect(toSimplified('衞生')).toBe('卫生');
  });

  it('leaves simplified text alone, phrase rules included', () => {
    // 滑鼠 is also valid simplified text; Taiwan phrase rules must not fire on simplified input.
    expect(toSimplified('小区门口的滑鼠广告')).toBe('小区门口的滑鼠广告');
    expect(hasTraditional('我们小区的物业')).toBe(false);
    expect(hasTraditional('我們')).toBe(true);
  });
});

describe('toHalfWidth', () => {
  it('maps full-width letters, digits, punctuation and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣ１２３，！\u3000')).toBe('ABC123,! ');
  });
});

describe('stripBoilerplate', () => {
  it('removes greetings, closings, signatures and dates', () => {
    const text =
      '尊敬的领导您好：\n我们小区的路灯坏了。请尽快修理！\n谢谢！\n阳光花园小区全体业主\n2019年3月5日';
    expect(stripBoilerplate(text)).toBe('我们小区的路灯坏了。请尽快修理');
    expect(stripBoilerplate('胡书记：你好！路灯坏了。此致敬礼')).toBe('路灯坏了');
  });

  it('keeps a one-line petition and text without boilerplate', () => {
    expect(stripBoilerplate('小区路灯坏了')).toBe('小区路灯坏了');
    expect(stripBoilerplate('领导干部违规收费')).toBe('领导干部违规收费');
  });
});

describe('normalizeText', () => {
  it('normalises width, script, whitespace and boilerplate together', () => {
    const r = normalizeText('您好，請問ＡＢＣ社區的\n\n衞生問題  何時解決？');
    expect(r.text).toBe('请问ABC社区的 卫生问题 何时解决?');
    expect(r.truncated).toBe(false);
  });

  it('caps huge input and says so', () => {
    const huge = '小区物业乱收费。'.repeat(5000);
    const r = normalizeText(huge);
    expect(r.truncated).toBe(true);
    expect(r.originalLength).toBe(huge.length);
    expect(r.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  });

  it('does not split a surrogate pair when it cuts', () => {
    const r = normalizeText('a' + '𠀀'.repeat(20), { maxChars: 4 });
    expect(r.text).toBe('a𠀀');
  });

  it('rejects empty and boilerplate-only text with text_empty', () => {
    for (const t of ['', '   ', '！！。。', '谢谢']) {
      expect(() => normalizeText(t)).toThrowError(expect.objectContaining({ code: 'text_empty' }) as Error);
    }
  });

  it('rejects binary input with text_binary', () => {
    expect(() => normalizeText('abc\u0000def')).toThrowError(
      expect.objectContaining({ code: 'text_binary' }) as Error,
    );
    const junk = String.fromCharCode(...Array.from({ length: 200 }, (_, i) => ((i * 7) % 31) + 1)) + '小区';
    expect(() => normalizeText(junk)).toThrowError(expect.objectContaining({ code: 'text_binary' }) as Error);
  });

  it('measures how Chinese a text is', () => {
    expect(cjkRatio('小区物业')).toBe(1);
    expect(cjkRatio('hello world')).toBe(0);
    expect(normalizeText('This is English').cjkRatio).toBe(0);
  });

  it('never fails with anything but a TextError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        try {
          const r = normalizeText(s);
          expect(r.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
        } catch (err) {
          expect(isTextError(err)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
