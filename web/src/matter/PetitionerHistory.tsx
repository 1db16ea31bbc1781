import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { errorText } from '../common/errors.ts';
import { fmtDate } from '../common/format.ts';
import { StateTag } from '../common/StateTag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { PetitionerMatter } from '../../../src/shared/api.schema.ts';

type HistoryItem = PetitionerMatter;

/** One person's petitions the user may see, loaded when asked for: to recognise a repeat. */
export function PetitionerHistory({ petitionerId, currentId }: { petitionerId: number; currentId: number }) {
  const { m, lang } = useI18n();
  // Loaded when asked for; refetched with the other lists after a command.
  const [asked, setAsked] = useState(false);
  const q = useQuery({
    queryKey: keys.petitionerMatters(petitionerId),
    queryFn: () =>
      api.get<{ items: HistoryItem[] }>(`/api/petitioners/${petitionerId}/matters`).then((r) => r.items),
    enabled: asked,
  });
  const items = q.data ?? null;
  const loading = q.isFetching;
  const error = q.error ? errorText(q.error, lang, m) : null;
  const load = () => (asked ? void q.refetch() : setAsked(true));
  if (items === null) {
    return (
      <>
        {error && <Alert role="alert" type="error" title={error} />}
        <Button size="small" loading={loading} onClick={load}>
          {m.matter.history}
        </Button>
      </>
    );
  }
  const others = items.filter((i) => i.id !== currentId);
  return (
    <List
      size="small"
      header={<Typography.Text strong>{`${m.matter.history} (${others.length})`}</Typography.Text>}
      locale={{ emptyText: m.matter.historyNone }}
      dataSource={others}
      renderItem={(i) => (
        <List.Item>
          <Space wrap size="small">
            <Link to="/matters/$id" params={{ id: String(i.id) }}>
              {i.caseNumber}
            </Link>
            <span>{fmtDate(i.receivedAt, lang)}</span>
            <StateTag state={i.state} />
            {i.repeatOfId !== null && <Tag color="orange">{m.matter.repeatTag}</Tag>}
            <Typography.Text ellipsis style={{ maxWidth: 360 }}>
              {i.subject}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
