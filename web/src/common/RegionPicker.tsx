import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { regionAncestors } from '../../../src/routing/regions.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Region } from '../../../src/shared/api.schema.ts';

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
  const { m } = useI18n();
  const [levels, setLevels] = useState<Region[][]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  // The code this picker last reported: a value that differs came from outside (initial value, reset).
  const reported = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (value !== undefined && value === reported.current) return;
    // Open at the value's own place (a district registrar starts at 南山区, not at the province):
    // each level down to it, and the level below it when there is one.
    const path = value ? regionAncestors(value) : [];
    let live = true;
    void Promise.all(
      [undefined, ...path].map((parent) =>
        api
          .get<{ items: Region[] }>(endpoint, parent ? { parent } : undefined)
          .then((r) => r.items)
          .catch(() => [] as Region[]),
      ),
    ).then((lists) => {
      if (!live) return;
      const shown = lists.slice(0, path.length + 1);
      // No empty box: a level with nothing to choose is not shown.
      while (shown.length > 1 && shown[shown.length - 1]!.length === 0) shown.pop();
      setLevels(shown);
      setChosen(path);
      // Set once the levels are shown: a load cancelled half-way is done again on the next run.
      reported.current = value;
    });
    return () => {
      live = false;
    };
  }, [endpoint, value]);

  const choose = async (depth: number, code: string | undefined) => {
    const path = [...chosen.slice(0, depth), ...(code ? [code] : [])];
    setChosen(path);
    reported.current = path[path.length - 1];
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
          // The box of the next level down says it may be left empty.
          placeholder={depth === 0 ? ariaLabel : (levelLabel?.(depth) ?? m.common.optional.trim())}
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
