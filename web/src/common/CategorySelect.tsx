import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Category } from '../../../src/shared/api.schema.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Parents first, each followed by its children. */
function treeOrder(items: Category[]): Category[] {
  const out: Category[] = [];
  const walk = (parent: string | null) => {
    for (const c of items.filter((x) => (x.parentCode ?? null) === parent)) {
      out.push(c);
      walk(c.code);
    }
  };
  walk(null);
  return out.length === items.length ? out : items;
}

/** The issue categories, indented by level, searchable by name or code. */
export function CategorySelect({
  endpoint,
  value,
  onChange,
  id,
  placeholder,
  allowClear = true,
  ariaLabel,
}: {
  endpoint: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  ariaLabel?: string;
}) {
  const { lang } = useI18n();
  const [items, setItems] = useState<Category[]>([]);
  useEffect(() => {
    api
      .get<{ items: Category[] }>(endpoint)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [endpoint]);
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      placeholder={placeholder}
      style={{ width: '100%' }}
      options={treeOrder(items).map((c) => ({
        value: c.code,
        label: `${'　'.repeat(Math.max(0, (c.level ?? 1) - 1))}${lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh}`,
      }))}
    />
  );
}
