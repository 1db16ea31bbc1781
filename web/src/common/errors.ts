import type { FormInstance, FormProps } from 'antd';
import type { z } from 'zod';
import { zodIssuesToFields } from '../../../src/errors/zod-errors.ts';
import { ApiError, type FieldMessage } from '../api/client.ts';
import type { Messages } from '../i18n/zh.ts';
import type { Lang } from '../i18n/i18n.tsx';

/** The message to show for any error: the server's own words when it sent some. */
export function errorText(err: unknown, lang: Lang, m: Messages): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return m.errors.network;
    const text = lang === 'zh' ? err.messageZh : err.messageEn;
    if (text) return text;
    return err.status >= 500 ? m.errors.server : m.errors.server;
  }
  return m.errors.server;
}

/** "petitioners.5.isRepresentative" → ['petitioners', 5, 'isRepresentative'] (antd's name path). */
export const toNamePath = (path: string): (string | number)[] =>
  path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts field messages next to their fields; returns the messages that have no field in this form,
 * so the caller can show them above it.
 */
export function applyFieldErrors(
  form: FormInstance,
  fields: FieldMessage[],
  lang: Lang,
  known?: (path: (string | number)[]) => boolean,
): string[] {
  // Only this attempt's messages stand: those of an earlier submit do not come back.
  clearFieldErrors(form);
  const now = new Map<string, Shown>();
  shown.set(form, now);
  const orphans: string[] = [];
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of fields) {
    const name = toNamePath(f.path);
    const text = lang === 'zh' ? f.message_zh : f.message_en;
    const isKnown = known
      ? known(name)
      : form.getFieldInstance(name) !== undefined || fieldExists(form, name);
    if (!isKnown) {
      orphans.push(text);
      continue;
    }
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    byPath.set(key, entry);
  }
  form.setFields([...byPath.values()]);
  for (const [key, entry] of byPath) now.set(key, { name: entry.name, value: valueOf(form, entry.name) });
  return orphans;
}

/** Takes away the messages applyFieldErrors put on the form (a new attempt starts clean). */
export function clearFieldErrors(form: FormInstance): void {
  const previous = shown.get(form);
  if (!previous?.size) return;
  form.setFields([...previous.values()].map((s) => ({ name: s.name, errors: [] })));
  previous.clear();
}

interface Shown {
  name: (string | number)[];
  value: string;
}
/** The messages applyFieldErrors put on each form, with the value each field had then. */
const shown = new WeakMap<FormInstance, Map<string, Shown>>();

function valueOf(form: FormInstance, name: (string | number)[]): string {
  try {
    return JSON.stringify(form.getFieldValue(name) ?? null);
  } catch {
    return 'null';
  }
}

/**
 * For a Form's onFieldsChange: a message put there by applyFieldErrors goes as soon as the user
 * changes its field (or a field inside it), so a filled-in field no longer shows "required". Once
 * no field shows an error, `onAllFixed` runs: the form's summary ("correct the fields marked in
 * red") goes with the last red field instead of staying above a correct form.
 */
export function clearErrorsOnChange(
  form: FormInstance,
  onAllFixed?: () => void,
): NonNullable<FormProps['onFieldsChange']> {
  return (changed) => {
    const map = shown.get(form);
    if (map && map.size > 0) {
      const cleared: Shown[] = [];
      for (const c of changed) {
        const key = toKey(c.name);
        for (const [k, s] of map) {
          const related = k === key || key.startsWith(`${k}.`) || k.startsWith(`${key}.`);
          if (related && valueOf(form, s.name) !== s.value) {
            cleared.push(s);
            map.delete(k);
          }
        }
      }
      if (cleared.length) form.setFields(cleared.map((s) => ({ name: s.name, errors: [] })));
    }
    if (onAllFixed && form.getFieldsError().every((f) => f.errors.length === 0)) onAllFixed();
  };
}

const toKey = (name: unknown): string => (Array.isArray(name) ? name.join('.') : String(name));

function fieldExists(form: FormInstance, name: (string | number)[]): boolean {
  try {
    return form.getFieldValue(name) !== undefined || form.isFieldTouched(name);
  } catch {
    return false;
  }
}

/** Client-side validation with the API's own schema and message texts. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; fields: FieldMessage[] } {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, fields: zodIssuesToFields(r.error.issues) };
}

/** Removes empty strings and undefined so optional fields are simply absent. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue;
    out[k] = v;
  }
  return out as T;
}
