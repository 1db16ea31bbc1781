import { Select } from 'antd';
import type { Category } from '../../../src/shared/api.schema.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { categoryName, useCategories } from './categories.ts';

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
  const items = useCategories(endpoint);
  const byCode = new Map((items ?? []).map((c) => [c.code, c]));
  const options = treeOrder(items ?? []).map((c) => {
    const parent = c.parentCode ? byCode.get(c.parentCode) : undefined;
    const name = categoryName(c, lang);
    return {
      value: c.code,
      // The chosen value reads "城乡建设 › 物业管理"; the search matches either name.
      label: parent ? `${categoryName(parent, lang)} › ${name}` : name,
      name,
      depth: Math.max(0, (c.level ?? 1) - 1),
    };
  });
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
      loading={items === null}
      options={options}
      // In the list a child is indented under its parent (by padding, not by spaces in its name).
      optionRender={(o) => (
        <span style={{ paddingInlineStart: `${(o.data.depth ?? 0) * 1.5}em` }}>{o.data.name}</span>
      )}
      // Until the names arrive a chosen code is not shown as it is.
      labelRender={(p) => p.label ?? (items === null ? '…' : String(p.value))}
    />
  );
}
