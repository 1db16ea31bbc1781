import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import type { Unit } from '../../../src/shared/api.schema.ts';

/** Units to route to, searchable by name. */
export function UnitSelect({
  value,
  onChange,
  multiple,
  id,
  exclude = [],
  placeholder,
}: {
  value?: number | number[];
  onChange?: (v: number | number[] | undefined) => void;
  multiple?: boolean;
  id?: string;
  exclude?: number[];
  /** Shown in the empty box and read as its name where no form label names it (a filter bar). */
  placeholder?: string;
}) {
  const units =
    useQuery({
      queryKey: keys.units,
      queryFn: () => api.get<{ items: Unit[] }>('/api/units').then((r) => r.items),
    }).data ?? [];
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(v: number | number[] | undefined) => onChange?.(v)}
      options={units.filter((u) => !exclude.includes(u.id)).map((u) => ({ value: u.id, label: u.name }))}
      placeholder={placeholder}
      aria-label={placeholder}
      data-testid={multiple ? 'co-unit-select' : 'unit-select'}
    />
  );
}
