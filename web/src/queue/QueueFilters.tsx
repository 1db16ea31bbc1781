import { Input, Segmented, Select, Space } from 'antd';
import { CHANNELS, MATTER_STATES, PURPOSES } from '../../../src/shared/enums.ts';
import { CHANNEL_LABELS, PURPOSE_LABELS, STATE_LABELS } from '../../../src/shared/labels.ts';
import { CategorySelect } from '../common/CategorySelect.tsx';
import { RegionPicker } from '../common/RegionPicker.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { QueueQuery } from './useQueueQuery.ts';

export function QueueFilters({
  query,
  update,
}: {
  query: QueueQuery;
  update: (p: Partial<QueueQuery>) => void;
}) {
  const { m, lbl } = useI18n();
  const sel = (
    key: 'state' | 'channel' | 'purpose' | 'deadline',
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <Select
      aria-label={label}
      placeholder={label}
      allowClear
      value={query[key]}
      onChange={(v: string | undefined) => update({ [key]: v })}
      options={options}
      style={{ minWidth: 130 }}
      data-testid={`filter-${key}`}
    />
  );
  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 12 }} role="search">
      <Segmented<'all' | 'unit'>
        aria-label={m.queue.mine}
        value={query.mine}
        onChange={(v) => update({ mine: v })}
        options={[
          { value: 'all', label: m.queue.mineAll },
          { value: 'unit', label: m.queue.mineUnit },
        ]}
      />
      {sel(
        'state',
        m.queue.state,
        MATTER_STATES.map((s) => ({ value: s, label: lbl(STATE_LABELS, s) })),
      )}
      {sel(
        'channel',
        m.queue.channel,
        CHANNELS.map((s) => ({ value: s, label: lbl(CHANNEL_LABELS, s) })),
      )}
      {sel(
        'purpose',
        m.queue.purpose,
        PURPOSES.map((s) => ({ value: s, label: lbl(PURPOSE_LABELS, s) })),
      )}
      {sel(
        'deadline',
        m.queue.deadline,
        (['on_time', 'warning', 'overdue'] as const).map((b) => ({ value: b, label: m.deadline[b] })),
      )}
      <div style={{ width: 200 }}>
        <CategorySelect
          endpoint="/api/categories"
          value={query.categoryCode}
          onChange={(v) => update({ categoryCode: v })}
          placeholder={m.queue.category}
          ariaLabel={m.queue.category}
        />
      </div>
      <div style={{ width: 340 }}>
        <RegionPicker
          endpoint="/api/regions"
          value={query.regionCode}
          onChange={(v) => update({ regionCode: v })}
          ariaLabel={m.queue.region}
        />
      </div>
      <Input.Search
        aria-label={m.queue.searchLabel}
        placeholder={m.queue.searchPlaceholder}
        defaultValue={query.q}
        allowClear
        onSearch={(v) => update({ q: v.trim() || undefined })}
        style={{ width: 260 }}
        data-testid="queue-search"
      />
    </Space>
  );
}
