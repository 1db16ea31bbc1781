import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, DatePicker, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { errorText } from '../common/errors.ts';
import { fmtDate } from '../common/format.ts';
import { RegionPicker } from '../common/RegionPicker.tsx';
import { StatsChart } from '../home/StatsChart.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { HotIssueItem, HotIssues } from '../../../src/shared/api.schema.ts';

type HotIssue = HotIssueItem;
type HotIssuesAnswer = HotIssues;

interface Filter {
  from: string;
  to: string;
  regionCode: string | undefined;
  top: number;
}

const DATE = 'YYYY-MM-DD';

/**
 * Today in Beijing time, the day matters are registered on: a browser set to UTC would otherwise
 * end the period on yesterday until 08:00 and leave out this morning's matters.
 */
function chinaToday(): Dayjs {
  const ymd = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return dayjs(ymd);
}

/**
 * Hot issues of a period: matters about the same estate, company or project, grouped and ranked by
 * heat, each with its matters — to be solved once, at the source. Only matters the user may see.
 */
export function HotIssuesPage() {
  const { m, lang } = useI18n();
  const [filter, setFilter] = useState<Filter>({
    from: chinaToday().subtract(29, 'day').format(DATE),
    to: chinaToday().format(DATE),
    regionCode: undefined,
    top: 10,
  });
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(filter.from), dayjs(filter.to)]);
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [top, setTop] = useState(10);
  // Each period is its own cache entry: an answer for an earlier period cannot replace this one.
  const {
    data: answer,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: keys.hotIssues({ ...filter }),
    queryFn: () =>
      api.get<HotIssuesAnswer>('/api/analytics/hot-issues', {
        from: filter.from,
        to: filter.to,
        regionCode: filter.regionCode,
        top: filter.top,
      }),
  });
  const search = (next: Filter) => {
    // Asking again for the same period fetches it again (new matters may have come in).
    if (JSON.stringify(next) === JSON.stringify(filter)) void refetch();
    else setFilter(next);
  };
  const items = answer?.items ?? [];
  const note = answer ? (lang === 'zh' ? answer.note_zh : answer.note_en) : undefined;
  return (
    <div>
      <Typography.Title level={3}>{m.hot.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{m.hot.intro}</Typography.Paragraph>
      <Form
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={() =>
          search({ from: range[0].format(DATE), to: range[1].format(DATE), regionCode: region, top })
        }
      >
        <Form.Item label={m.hot.period} htmlFor="hot-period">
          <DatePicker.RangePicker
            id="hot-period"
            value={range}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
          />
        </Form.Item>
        <Form.Item label={m.hot.region} htmlFor="hot-region">
          <RegionPicker
            id="hot-region"
            endpoint="/api/regions"
            ariaLabel={m.hot.region}
            {...(region ? { value: region } : {})}
            onChange={setRegion}
          />
        </Form.Item>
        <Form.Item label={m.hot.top} htmlFor="hot-top">
          <InputNumber id="hot-top" min={1} max={50} value={top} onChange={(v) => setTop(v ?? 10)} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            {m.common.search}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {note && <Alert type="info" showIcon title={note} style={{ marginBottom: 12 }} />}
      {answer && (
        <Typography.Paragraph>
          {m.hot.summary(answer.matters, items.length, answer.from, answer.to)}
        </Typography.Paragraph>
      )}
      {items.length > 0 && (
        <StatsChart
          title={m.hot.heatChart}
          rows={items.map((i) => ({ label: `${i.rank}. ${i.label}`, value: Math.round(i.heat * 10) / 10 }))}
        />
      )}
      <Table<HotIssue>
        size="small"
        rowKey="rank"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: m.hot.empty }}
        expandable={{
          expandedRowRender: (i) => (
            <Space wrap>
              {i.matterIds.map((id, k) => (
                <Link key={id} to="/matters/$id" params={{ id: String(id) }}>
                  {i.caseNumbers[k]}
                </Link>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: m.hot.rank, dataIndex: 'rank', width: 60 },
          {
            title: m.hot.issue,
            dataIndex: 'label',
            render: (label: string, i) => (
              <div>
                <Typography.Text strong>{label}</Typography.Text>{' '}
                {i.rising && <Tag color="red">{m.hot.rising}</Tag>}
                <div>
                  {i.keywords.slice(0, 6).map((k) => (
                    <Tag key={k}>{k}</Tag>
                  ))}
                </div>
              </div>
            ),
          },
          { title: m.hot.size, dataIndex: 'size', width: 80 },
          { title: m.hot.people, dataIndex: 'people', width: 80 },
          {
            title: m.hot.span,
            key: 'span',
            render: (_: unknown, i) => `${fmtDate(i.first, lang)} – ${fmtDate(i.last, lang)}`,
          },
          { title: m.hot.heat, dataIndex: 'heat', width: 90, render: (h: number) => h.toFixed(1) },
          {
            title: m.hot.units,
            key: 'units',
            render: (_: unknown, i) =>
              m.common.list(i.units.map((u) => `${u.name}${m.common.paren(String(u.matters))}`)) ||
              m.common.none,
          },
        ]}
      />
    </div>
  );
}
