import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Category } from '../../../src/shared/api.schema.ts';
import type { Lang } from '../i18n/i18n.tsx';

/**
 * The issue categories, loaded once per page and endpoint (staff `/api/categories`, portal
 * `/api/public/categories`) and shared by every picker and every place that shows a category by
 * its code: a category has a Chinese and an English name, rows only carry the code.
 */
const loaded = new Map<string, Promise<Category[]>>();

function load(endpoint: string): Promise<Category[]> {
  let p = loaded.get(endpoint);
  if (!p) {
    p = api.get<{ items: Category[] }>(endpoint).then((r) => r.items);
    // A failed load is tried again by the next component that asks.
    p.catch(() => loaded.delete(endpoint));
    loaded.set(endpoint, p);
  }
  return p;
}

/** After an administrator changes a category: the next reader loads the names again. */
export function invalidateCategories() {
  loaded.clear();
}

/** The categories of `endpoint`, or null while they load (an empty list if they cannot be loaded). */
export function useCategories(endpoint: string): Category[] | null {
  const [items, setItems] = useState<Category[] | null>(null);
  useEffect(() => {
    let live = true;
    load(endpoint)
      .then((c) => live && setItems(c))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [endpoint]);
  return items;
}

/** A category's name in the language shown; the English name falls back to the Chinese one. */
export const categoryName = (c: Pick<Category, 'nameZh' | 'nameEn'>, lang: Lang) =>
  lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh;

/**
 * The name of a category code in the language shown, from the loaded list; `fallback` (the name a
 * row carries) while the list loads, or for a category no longer active.
 */
export function useCategoryName(endpoint = '/api/categories') {
  const items = useCategories(endpoint);
  return (code: string | null | undefined, lang: Lang, fallback?: string | null): string | null => {
    if (!code) return fallback ?? null;
    const c = items?.find((x) => x.code === code);
    return c ? categoryName(c, lang) : (fallback ?? null);
  };
}
