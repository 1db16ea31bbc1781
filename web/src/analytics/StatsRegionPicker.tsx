import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { regionAncestors } from '../../../src/routing/regions.ts';
import type { Region } from '../../../src/shared/api.schema.ts';
import { api } from '../api/client.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

const children = (parent: string | undefined) =>
  api
    .get<{ items: Region[] }>('/api/regions', parent ? { parent } : undefined)
    .then((r) => r.items)
    .catch(() => [] as Region[]);

/**
 * Picks the region of the figures inside the user's own subtree (a bureau may not read a region
 * outside it; the server answers 403): the first box is the user's region itself, each next box the
 * level below, which may be left empty. The value is the deepest code chosen.
 */
export function StatsRegionPicker({
  root,
  value,
  onChange,
  id,
}: {
  /** The user's unit's region: the top of what may be chosen. */
  root: string;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  id?: string;
}) {
  const { m } = useWorkbenchI18n();
  const [top, setTop] = useState<Region | null>(null);
  const [levels, setLevels] = useState<Region[][]>([]);
  const chosen = value && value.startsWith(root) && value !== root ? value : root;
  const path = regionAncestors(chosen).filter((c) => c.length > root.length);

  useEffect(() => {
    let live = true;
    const above = regionAncestors(root).slice(0, -1).pop();
    void children(above).then((items) => {
      if (live) setTop(items.find((r) => r.code === root) ?? ({ code: root, name: root } as Region));
    });
    return () => {
      live = false;
    };
  }, [root]);

  const pathKey = path.join(',');
  useEffect(() => {
    let live = true;
    const parents = [root, ...pathKey.split(',').filter(Boolean)];
    void Promise.all(parents.map((p) => children(p))).then((lists) => {
      if (!live) return;
      // No empty box: a level with nothing below is not shown.
      while (lists.length > 0 && lists[lists.length - 1]!.length === 0) lists.pop();
      setLevels(lists);
    });
    return () => {
      live = false;
    };
  }, [root, pathKey]);

  const choose = (depth: number, code: string | undefined) => {
    const next = code ?? (depth === 0 ? root : path[depth - 1]);
    onChange(next === root ? undefined : next);
  };

  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      <Select
        id={id}
        aria-label={m.stats.region}
        value={root}
        options={[{ value: root, label: top?.name ?? root }]}
        style={{ minWidth: 130, flex: '1 1 130px' }}
      />
      {levels.map((items, depth) => (
        <Select
          key={depth}
          aria-label={m.stats.regionBelow(depth + 1)}
          placeholder={m.stats.regionAll}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={path[depth]}
          onChange={(v: string | undefined) => choose(depth, v)}
          options={items.map((r) => ({ value: r.code, label: r.name }))}
          style={{ minWidth: 130, flex: '1 1 130px' }}
        />
      ))}
    </div>
  );
}
