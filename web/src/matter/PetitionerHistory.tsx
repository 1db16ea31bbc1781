import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { errorText } from '../common/errors.ts';
import { fmtDate } from '../common/format.ts';
import { Link } from '../common/router.tsx';
import { StateTag } from '../common/StateTag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { PetitionerMatter } from '../../../src/shared/api.schema.ts';

type HistoryItem = PetitionerMatter;

/** One person's petitions the user may see, loaded when asked for: to recognise a repeat. */
export function PetitionerHistory({ petitionerId, currentId }: { petitionerId: number; currentId: number }) {
  const { m, lang } = useI18n();
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setLoading(true);
    try {
      setItems((await api.get<{ items: HistoryItem[] }>(`/api/petitioners/${petitionerId}/matters`)).items);
      setError(null);
    } catch (e) {
      setError(errorText(e, lang, m));
    } finally {
      setLoading(false);
    }
  };
  if (items === null) {
    return (
      <>
        {error && <Alert role="alert" type="error" title={error} />}
        <Button size="small" loading={loading} onClick={() => void load()}>
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
            <Link to={`/matters/${i.id}`}>{i.caseNumber}</Link>
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
