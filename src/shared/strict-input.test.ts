import { describe, expect, it } from 'vitest';
import { dateTime, id, idParam, intQuery, isoDate, plain, text } from './schemas.ts';
import { findUnsafeInput, MAX_INPUT_DEPTH } from './strict-input.ts';

const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) =>
  schema.safeParse(v).success;

describe('schema builders', () => {
  it('takes only JSON integers as ids in a body', () => {
    expect(ok(id, 1)).toBe(true);
    for (const bad of [true, false, [1], '1', 1.5, 0, -1, 2 ** 31, null, NaN, Infinity])
      expect(ok(id, bad)).toBe(false);
  });

  it('takes only digits as ids in a path, and reads them as numbers', () => {
    expect(idParam.parse('42')).toBe(42);
    for (const bad of ['1abc', 'true', '1e3', '0x1', ' 1', '1 ', '-1', '0', '', '99999999999', '1.0'])
      expect(ok(idParam, bad)).toBe(false);
  });

  it('takes only whole numbers in a query string', () => {
    const page = intQuery(1, 100);
    expect(page.parse('7')).toBe(7);
    for (const bad of ['1abc', 'true', '2.5', '1e1', '', ' 3', '0', '101']) expect(ok(page, bad)).toBe(false);
  });

  it('takes a date-time only with its offset, from 1990', () => {
    expect(dateTime.parse('2026-03-02T09:00:00+08:00').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(dateTime.parse('1990-01-01T00:00:00Z').toISOString()).toBe('1990-01-01T00:00:00.000Z');
    for (const bad of [
      null,
      0,
      true,
      [1],
      '0',
      '2026-03-02',
      '2026-03-02T09:00:00',
      '2026-02-30T09:00:00Z',
      '1989-12-31T23:59:59Z',
      '1969-12-31T23:59:59Z',
      new Date(),
    ])
      expect(ok(dateTime, bad), String(bad)).toBe(false);
  });

  it('takes only days that exist, 1990 to 2099', () => {
    expect(ok(isoDate, '2028-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '1989-12-31',
      '2100-01-01',
      '2026-3-1',
    ])
      expect(ok(isoDate, bad), bad).toBe(false);
  });

  it('wants a visible character in required text, none in optional text', () => {
    expect(ok(text(10), '申请')).toBe(true);
    expect(ok(text(10), ' a ')).toBe(true);
    for (const blank of ['\u200B', '\uFEFF\u200D', '\u3000', ' \t\n', '\u202E', '\u3164', '\u00AD'])
      expect(ok(text(10), blank), JSON.stringify(blank)).toBe(false);
    expect(ok(text(10, 0), '')).toBe(true);
  });

  it('refuses control characters but keeps tab and newlines', () => {
    expect(ok(text(20), 'a\tb\nc\r\nd')).toBe(true);
    for (const bad of ['a\u0000b', '\u0007', 'x\u001b[0m', 'a\u007f']) {
      expect(ok(text(20), bad)).toBe(false);
      expect(ok(plain(20), bad)).toBe(false);
    }
  });
});

describe('findUnsafeInput', () => {
  it('names the first string or key with a control character', () => {
    expect(findUnsafeInput({ a: [{ b: 'x' }, { c: 'y\u0000' }] })).toEqual({
      path: ['a', 1, 'c'],
      reason: 'control_chars',
    });
    expect(findUnsafeInput({ a: { 'k\u0000': 1 } })).toEqual({ path: ['a'], reason: 'control_chars' });
    expect(findUnsafeInput({ a: 'tab\there', b: ['line\n'] })).toBeNull();
  });

  it('refuses nesting past the limit without recursing (a 100,000-deep value is no stack overflow)', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(findUnsafeInput({ extra: v })).toEqual({ path: ['extra'], reason: 'too_deep' });
    let fine: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) fine = { x: fine };
    expect(findUnsafeInput(fine)).toBeNull();
  });
});
