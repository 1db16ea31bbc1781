import { Link, useParams } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { MEETING_COMMAND_LABELS, MEETING_STATE_LABELS } from '../../../../src/shared/meeting.labels.ts';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { errorText } from '../../common/errors.ts';
import { fmtDateTime } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { WorkTabs } from '../WorkTabs.tsx';
import { useWorkI18n } from '../i18n.ts';
import { AssignmentItem } from './AssignmentItem.tsx';
import { AssignDialog, RecordDialog, ScheduleDialog } from './MeetingDialogs.tsx';
import {
  meetingKeys,
  type AssignmentList,
  type Body,
  type BodyList,
  type Meeting,
  type MeetingList,
} from './types.ts';
import { useMeetingCommand } from './useMeetingCommand.ts';

const STATE_COLORS: Record<string, string> = {
  scheduled: 'blue',
  held: 'orange',
  closed: 'success',
  cancelled: 'default',
};

/** The body: convener, member units with representatives, working groups. */
function BodyPanel({ body }: { body: Body }) {
  const { m, lang } = useWorkI18n();
  const t = m.meetings;
  const [scheduling, setScheduling] = useState(false);
  return (
    <Panel
      title={<span data-testid="meeting-body">{body.name}</span>}
      extra={
        body.canSchedule && (
          <Button type="primary" onClick={() => setScheduling(true)} data-testid="schedule-meeting">
            {t.schedule}
          </Button>
        )
      }
    >
      {scheduling && <ScheduleDialog bodyId={body.id} onClose={() => setScheduling(false)} />}
      <p style={{ margin: '0 0 8px' }}>
        {m.common.labelled(t.convener, body.convenerUnitName)}
        {body.convenerLeaderName && ` · ${m.common.labelled(t.convenerLeader, body.convenerLeaderName)}`}
      </p>
      {body.duties && <p className="ms-pre">{m.common.labelled(t.duties, body.duties)}</p>}
      <h3 style={{ fontSize: 16 }}>{t.members}</h3>
      <Table
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={body.members}
        columns={[
          { title: t.members, dataIndex: 'unitName' },
          {
            title: t.representatives,
            render: (_: unknown, r: Body['members'][number]) =>
              r.representatives.map((p) => p.name).join('、'),
          },
        ]}
      />
      <h3 style={{ fontSize: 16, marginTop: 16 }}>{t.groups}</h3>
      {body.groups.length === 0 && <p>{t.noGroups}</p>}
      <ul data-testid="working-groups" style={{ paddingInlineStart: 20 }}>
        {body.groups.map((g) => (
          <li key={g.id}>
            <strong>{g.name}</strong> · {m.common.labelled(t.groupLead, g.leadUnitName)} ·{' '}
            {m.common.labelled(t.groupUnits, g.units.map((u) => u.name).join('、'))} ·{' '}
            {m.common.labelled(
              t.groupCategories,
              g.categories.map((c) => (lang === 'zh' ? c.nameZh : c.nameEn)).join('、'),
            )}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

/** What the user's unit was handed (交办给本单位), with the report action. */
function ToMyUnit() {
  const { m } = useWorkI18n();
  const { data } = useQuery({
    queryKey: meetingKeys.mine,
    queryFn: () => api.get<AssignmentList>('/api/meeting-assignments', { view: 'toMyUnit' }),
  });
  return (
    <Panel title={m.meetings.toMyUnit} testId="assigned-to-my-unit">
      {data?.items.length === 0 && <p style={{ margin: 0 }}>{m.meetings.noneToMyUnit}</p>}
      {data?.items.map((a) => (
        <AssignmentItem key={a.id} a={a} showMeeting />
      ))}
    </Panel>
  );
}

/** 联席会议: the region's body, its meetings, and what was handed to the user's unit. */
export function MeetingsPage() {
  const { m, lang, lbl } = useWorkI18n();
  const t = m.meetings;
  const { hasRole } = useSession();
  const bodies = useQuery({
    queryKey: meetingKeys.bodies,
    queryFn: () => api.get<BodyList>('/api/meeting-bodies'),
  });
  const meetings = useQuery({
    queryKey: meetingKeys.list,
    queryFn: () => api.get<MeetingList>('/api/meetings'),
  });
  const error = bodies.error ?? meetings.error;
  return (
    <WorkTabs>
      <h1 style={{ fontSize: 22, margin: 0 }}>{t.title}</h1>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {bodies.isPending && <Spin />}
      {bodies.data?.items.length === 0 && <p>{t.none}</p>}
      {bodies.data?.items.map((b) => (
        <BodyPanel key={b.id} body={b} />
      ))}
      {hasRole('officer', 'unit_head', 'leader') && <ToMyUnit />}
      <Panel title={t.meetingsTitle} testId="meeting-list">
        {meetings.data?.items.length === 0 && <p style={{ margin: 0 }}>{t.noMeetings}</p>}
        {(meetings.data?.items.length ?? 0) > 0 && (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={meetings.data?.items}
            columns={[
              {
                title: t.meetingTitle,
                render: (_: unknown, r: MeetingList['items'][number]) => (
                  <Link to="/work/meetings/$id" params={{ id: String(r.id) }}>
                    {r.title}
                  </Link>
                ),
              },
              {
                title: t.startsAt,
                render: (_: unknown, r: MeetingList['items'][number]) => fmtDateTime(r.startsAt, lang),
              },
              { title: t.place, dataIndex: 'place' },
              {
                title: t.state,
                render: (_: unknown, r: MeetingList['items'][number]) => (
                  <Space size={4} wrap>
                    <Tag color={STATE_COLORS[r.state]}>{lbl(MEETING_STATE_LABELS, r.state)}</Tag>
                    {r.openAssignments > 0 && (
                      <Tag color={r.overdueAssignments > 0 ? 'red' : 'gold'}>
                        {t.open(r.openAssignments, r.overdueAssignments)}
                      </Tag>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Panel>
    </WorkTabs>
  );
}

type Action = 'record' | 'assign' | 'close' | 'cancel' | 'comment';

/** One meeting: agenda, record, files, and every item it handed down until each is accepted. */
export function MeetingRoute() {
  const { id } = useParams({ from: '/work/meetings/$id' });
  const { m, lang, lbl } = useWorkI18n();
  const t = m.meetings;
  const qc = useQueryClient();
  const send = useMeetingCommand();
  const [action, setAction] = useState<Action | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const { data, error, isPending } = useQuery({
    queryKey: meetingKeys.one(Number(id)),
    queryFn: () => api.get<Meeting>(`/api/meetings/${id}`),
  });
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploadError(null);
    try {
      await api.upload(`/api/meetings/${id}/files`, file);
      await qc.invalidateQueries({ queryKey: meetingKeys.all });
    } catch (e) {
      setUploadError(e);
    }
  };
  return (
    <WorkTabs>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {isPending && <Spin />}
      {data && (
        <>
          <h1 style={{ fontSize: 22, margin: 0 }}>
            {data.title}{' '}
            <Tag color={STATE_COLORS[data.state]} data-testid="meeting-state" data-state={data.state}>
              {lbl(MEETING_STATE_LABELS, data.state)}
            </Tag>
          </h1>
          <Panel title={t.agenda}>
            <p style={{ margin: '0 0 6px' }}>
              {t.meetingOf(data.bodyName)} · {fmtDateTime(data.startsAt, lang)} · {data.place}
            </p>
            <div className="ms-pre">{data.agenda}</div>
            <Space wrap style={{ marginTop: 12 }}>
              {data.allowedActions
                .filter((a): a is Action => a !== 'attach')
                .map((a) => (
                  <Button
                    key={a}
                    type={a === 'record' || a === 'close' ? 'primary' : 'default'}
                    onClick={() => setAction(a)}
                    data-testid={`meeting-${a}`}
                  >
                    {lbl(MEETING_COMMAND_LABELS, a)}
                  </Button>
                ))}
              {data.allowedActions.includes('attach') && (
                <label className="ant-btn ant-btn-default" style={{ padding: '4px 15px' }}>
                  {t.upload}
                  <input
                    type="file"
                    hidden
                    data-testid="meeting-upload"
                    onChange={(e) => void upload(e.target.files?.[0])}
                  />
                </label>
              )}
            </Space>
            {uploadError !== null && (
              <Alert role="alert" type="error" showIcon title={errorText(uploadError, lang, m)} />
            )}
          </Panel>
          <Panel title={t.minutes} testId="meeting-minutes">
            {data.minutes === null && <p style={{ margin: 0 }}>{t.notRecorded}</p>}
            {data.minutes !== null && (
              <>
                <p>
                  {m.common.labelled(
                    t.attendees,
                    data.attendees
                      .map((a) => (a.userName ? `${a.userName}（${a.unitName}）` : a.unitName))
                      .join('、'),
                  )}
                </p>
                <div className="ms-pre">{data.minutes}</div>
                {data.decisions.length > 0 && (
                  <>
                    <h3 style={{ fontSize: 16, marginTop: 12 }}>{t.decisions}</h3>
                    <ol data-testid="meeting-decisions">
                      {data.decisions.map((d, i) => (
                        <li key={i}>{d}</li>
                      ))}
                    </ol>
                  </>
                )}
              </>
            )}
            {data.files.length > 0 && (
              <p data-testid="meeting-files">
                {m.common.labelled(t.files, '')}
                {data.files.map((f) => (
                  <a
                    key={f.id}
                    href={`/api/meetings/${data.id}/files/${f.id}`}
                    download={f.filename}
                    style={{ marginInlineEnd: 8 }}
                  >
                    {f.filename}
                  </a>
                ))}
              </p>
            )}
          </Panel>
          <Panel
            title={t.assignments}
            testId="meeting-assignments"
            extra={data.openAssignments > 0 && t.open(data.openAssignments, data.overdueAssignments)}
          >
            {data.assignments.length === 0 && <p style={{ margin: 0 }}>{t.noAssignments}</p>}
            {data.assignments.map((a) => (
              <AssignmentItem key={a.id} a={a} />
            ))}
          </Panel>
          {action === 'record' && <RecordDialog meeting={data} onClose={() => setAction(null)} />}
          {action === 'assign' && <AssignDialog meeting={data} onClose={() => setAction(null)} />}
          {(action === 'close' || action === 'cancel' || action === 'comment') && (
            <CaseFormModal<Record<string, string>>
              title={lbl(MEETING_COMMAND_LABELS, action)}
              open
              onClose={() => setAction(null)}
              testId="meeting-dialog"
              onSubmit={(v) => {
                const body = Object.fromEntries(
                  Object.entries(v)
                    .map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x])
                    .filter(([, x]) => x !== '' && x !== undefined),
                );
                return send.mutateAsync({ path: `/api/meetings/${data.id}/${action}`, body });
              }}
            >
              <Form.Item
                name={action === 'close' ? 'note' : action === 'cancel' ? 'reason' : 'comment'}
                label={action === 'close' ? t.note : action === 'cancel' ? t.reason : t.comment}
                rules={
                  action === 'close' ? [] : [{ required: true, whitespace: true, message: m.common.required }]
                }
              >
                <Input.TextArea rows={3} maxLength={action === 'comment' ? 2000 : 1000} />
              </Form.Item>
            </CaseFormModal>
          )}
        </>
      )}
    </WorkTabs>
  );
}
