import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Region } from '../api/types.ts';

/**
 * Picks a region code (GB/T 2260 and below) one level at a time with plain selects: light, and easy
 * to use on a phone. Any level may be the answer; the value is the deepest code chosen.
 */
export function RegionPicker({
  endpoint,
  value,
  onChange,
  id,
  ariaLabel,
  levelLabel,
  status,
}: {
  endpoint: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
  ariaLabel: string;
  levelLabel?: (depth: number) => string;
  status?: 'error' | 'warning' | '';
}) {
  const [levels, setLevels] = useState<Region[][]>([]);
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    api
      .get<{ items: Region[] }>(endpoint)
      .then((r) => setLevels([r.items]))
      .catch(() => setLevels([]));
  }, [endpoint]);

  useEffect(() => {
    // The form was reset.
    if (!value) setChosen([]);
  }, [value]);

  const choose = async (depth: number, code: string | undefined) => {
    const path = [...chosen.slice(0, depth), ...(code ? [code] : [])];
    setChosen(path);
    setLevels((prev) => prev.slice(0, depth + 1));
    onChange?.(path[path.length - 1]);
    if (!code) return;
    try {
      const r = await api.get<{ items: Region[] }>(endpoint, { parent: code });
      if (r.items.length) setLevels((prev) => [...prev.slice(0, depth + 1), r.items]);
    } catch {
      // no deeper level: the chosen code stands
    }
  };

  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {levels.map((items, depth) => (
        <Select
          key={depth}
          id={depth === 0 ? id : undefined}
          aria-label={`${ariaLabel}${depth > 0 ? ` ${levelLabel ? levelLabel(depth) : depth + 1}` : ''}`}
          status={status}
          placeholder={depth === 0 ? ariaLabel : undefined}
          allowClear={depth > 0}
          showSearch={{ optionFilterProp: 'label' }}
          value={chosen[depth]}
          onChange={(v: string | undefined) => void choose(depth, v)}
          options={items.map((r) => ({ value: r.code, label: r.name }))}
          style={{ minWidth: 150, flex: '1 1 150px' }}
        />
      ))}
    </div>
  );
}
