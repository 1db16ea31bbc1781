import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { Alert, Space, Spin } from 'antd';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import type { Card } from '../leadership/types.ts';
import { CardItem } from './CardItem.tsx';

/** One card on its own page: where a notice about a card on a unit's set of matters leads. */
export function CardRoute() {
  const { id } = useParams({ from: '/cards/$id' });
  const { m, lang } = useWorkbenchI18n();
  const { data, error, isPending } = useQuery({
    queryKey: keys.card(Number(id)),
    queryFn: () => api.get<Card>(`/api/cards/${id}`),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 style={{ fontSize: 22, margin: 0 }}>{m.cards.cardPage}</h1>
      <Panel title={data ? `${data.issuerUnitName} → ${data.targetUnitName}` : m.cards.cardPage}>
        {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
        {isPending && <Spin />}
        {data && <CardItem card={data} showMatter />}
      </Panel>
    </Space>
  );
}
