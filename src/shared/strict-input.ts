// Control characters (other than tab and newlines) are refused: PostgreSQL cannot store NUL in text
// or jsonb, and none of them has a place in a petition. Defined here, not in schemas.ts, so that the
// web's error reader (which imports this file) does not pull Zod into the portal's first load.
// eslint-disable-next-line no-control-regex -- the pattern is the list of refused control characters
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Deepest nesting of objects and arrays a request may carry. No form of ours goes past four levels;
 * the limit keeps a body nested 10,000 deep from overflowing the stack of any recursive reader
 * (the idempotency hash, Zod, the audit payload) and answering 500.
 */
export const MAX_INPUT_DEPTH = 32;

export interface UnsafeInput {
  path: (string | number)[];
  reason: 'control_chars' | 'too_deep';
}

/**
 * Finds the first string or object key holding a control character (other than tab and newlines),
 * or the first value nested deeper than `maxDepth`. Iterative, so it is itself safe on any depth.
 * This is the net under every schema: PostgreSQL refuses NUL in text and jsonb, and a field a
 * schema lets through unread (or a route whose service reads the body itself) must not reach it.
 */
export function findUnsafeInput(value: unknown, maxDepth = MAX_INPUT_DEPTH): UnsafeInput | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (CONTROL_CHARS.test(v)) return { path, reason: 'control_chars' };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= maxDepth) return { path: path.slice(0, 1), reason: 'too_deep' };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else {
      const entries = Object.entries(v);
      for (const [k] of entries) if (CONTROL_CHARS.test(k)) return { path, reason: 'control_chars' };
      // Pushed last to first, so the first field in the body is the one named.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        stack.push({ v: child, path: [...path, k] });
      }
    }
  }
  return null;
}
