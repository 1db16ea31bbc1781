import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, List } from 'antd';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useDebounced } from '../common/useDebounced.ts';
import type { PetitionerHit } from '../../../src/shared/api.schema.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Known petitioners matching what the registrar is typing (ID number, name or phone). */
export function PetitionerMatches({ q, onUse }: { q: string; onUse: (hit: PetitionerHit) => void }) {
  const { m } = useI18n();
  const term = useDebounced(q.trim().slice(0, 40), 250);
  const { data } = useQuery({
    queryKey: keys.petitionerSearch(term),
    queryFn: () => api.get<{ items: PetitionerHit[] }>('/api/petitioners/search', { q: term }),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
  });
  const hits = term.length >= 2 ? (data?.items.slice(0, 5) ?? []) : [];
  if (hits.length === 0) return null;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="petitioner-matches"
      style={{
        background: '#f6f8fb',
        border: '1px solid #d6dde8',
        borderRadius: 4,
        padding: '4px 8px',
        marginBottom: 12,
      }}
    >
      <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{m.register.lookup}</div>
      <List
        size="small"
        dataSource={hits}
        renderItem={(h) => (
          <List.Item
            actions={[
              <Button key="use" size="small" onClick={() => onUse(h)}>
                {m.register.lookupUse}
              </Button>,
            ]}
          >
            <span>
              <strong>{h.name}</strong> · {h.idNumber ?? '—'} · {h.phone ?? '—'} ·{' '}
              {m.register.lookupHit(h.matterCount)}
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}
