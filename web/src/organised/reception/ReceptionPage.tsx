import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { RECEPTION_KIND_LABELS, SESSION_STATE_LABELS } from '../../../../src/shared/reception-labels.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { fmtDateTime } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { useWorkI18n } from '../i18n.ts';
import { WorkTabs } from '../WorkTabs.tsx';
import { receptionKey, type Session, type SessionList } from './api.ts';
import { FiguresPanel } from './FiguresPanel.tsx';
import { RequestsPanel } from './RequestsPanel.tsx';
import { ScheduleDialog } from './ScheduleDialog.tsx';
import { SessionDetails } from './SessionDetails.tsx';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, mo: number) => new Date(Date.UTC(y, mo, 0)).getUTCDate();
const today = () => new Date(Date.now() + 8 * 3_600_000);

/**
 * 领导接访: the month's sessions grouped by day (scheduling, recording, the matters registered at
 * each), the appointment requests from the portal, and the reception figure per leader and month.
 */
export function ReceptionPage() {
  const { m, lang, lbl } = useWorkI18n();
  const t = m.reception;
  const [month, setMonth] = useState(() => ({ y: today().getUTCFullYear(), mo: today().getUTCMonth() + 1 }));
  const [scheduling, setScheduling] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const from = `${month.y}-${pad(month.mo)}-01`;
  const to = `${month.y}-${pad(month.mo)}-${pad(lastDay(month.y, month.mo))}`;
  const { data, error, isPending } = useQuery({
    queryKey: [...receptionKey, 'sessions', from],
    queryFn: () => api.get<SessionList>('/api/reception/sessions', { from, to }),
  });
  const shift = (d: number) =>
    setMonth(({ y, mo }) => {
      const n = y * 12 + (mo - 1) + d;
      return { y: Math.floor(n / 12), mo: (n % 12) + 1 };
    });
  const byDay = new Map<string, Session[]>();
  for (const s of data?.items ?? []) {
    const day = new Date(new Date(s.startsAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  return (
    <WorkTabs>
      <h1 style={{ fontSize: 22, margin: 0 }}>{t.title}</h1>
      <Panel
        title={t.schedule}
        testId="reception-sessions"
        extra={
          <Space wrap>
            <Button onClick={() => shift(-1)}>{t.prevMonth}</Button>
            <strong data-testid="reception-month">{t.month(month.y, month.mo)}</strong>
            <Button onClick={() => shift(1)}>{t.nextMonth}</Button>
            {data?.canSchedule && (
              <Button type="primary" onClick={() => setScheduling(true)} data-testid="schedule-session">
                {t.scheduleNew}
              </Button>
            )}
          </Space>
        }
      >
        {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
        {isPending && <Spin />}
        {data && data.items.length === 0 && <p style={{ margin: 0 }}>{t.none}</p>}
        {[...byDay.entries()].map(([day, sessions]) => (
          <div key={day} style={{ marginBottom: 12 }}>
            <h2 style={{ fontSize: 15, margin: '0 0 6px' }}>{day}</h2>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {sessions.map((s) => (
                <li
                  key={s.id}
                  data-testid="reception-session"
                  data-state={s.state}
                  style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                >
                  <Space wrap size={6}>
                    <span>
                      {fmtDateTime(s.startsAt, lang).slice(-5)}–{fmtDateTime(s.endsAt, lang).slice(-5)}
                    </span>
                    <Tag color={s.kind === 'reception' ? 'blue' : s.kind === 'outreach' ? 'green' : 'purple'}>
                      {lbl(RECEPTION_KIND_LABELS, s.kind)}
                    </Tag>
                    <strong>{s.leaderName}</strong>
                    <span>{s.place}</span>
                    <Tag>{lbl(SESSION_STATE_LABELS, s.state)}</Tag>
                    {s.published && <Tag color="gold">{t.publishedTag}</Tag>}
                    {s.kind !== 'appointment' && <span>{t.booked(s.booked, s.capacity)}</span>}
                    {s.peopleReceived !== null && <span>{t.recorded(s.peopleReceived)}</span>}
                    <Button size="small" type="link" onClick={() => setOpen(s.id)}>
                      {t.details}
                    </Button>
                  </Space>
                  {s.topics && <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>{s.topics}</div>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Panel>
      {scheduling && <ScheduleDialog onClose={() => setScheduling(false)} />}
      {open !== null && <SessionDetails id={open} onClose={() => setOpen(null)} />}
      <RequestsPanel />
      <FiguresPanel />
    </WorkTabs>
  );
}
