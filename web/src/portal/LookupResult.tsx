import { Alert, Descriptions, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Panel } from '../common/Panel.tsx';
import { RATING_LABELS } from '../../../src/shared/labels.ts';
import type { PublicLookup } from '../../../src/shared/api.schema.ts';
import { fmtDate, fmtDateTime } from '../common/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';
import { PublicAction } from './PublicAction.tsx';
import { PublicReviewDecision } from './PublicDecision.tsx';
import { PublicReply } from './PublicReply.tsx';

// Most look-ups are of matters still in hand: the questionnaire's code comes only with a reply.
const OnlineFollowUp = lazy(() => import('./OnlineFollowUp.tsx'));

export function LookupResult({
  data,
  creds,
  notice,
  onChanged,
}: {
  data: PublicLookup;
  creds: Credentials;
  notice: string | null;
  onChanged: (notice: string) => void;
}) {
  const { m, lang, lbl, pick } = useI18n();
  return (
    <Panel
      style={{ marginTop: 16 }}
      title={data.subject}
      extra={
        <Tag color="blue" data-testid="public-state">
          {pick(data.stateLabel.zh, data.stateLabel.en)}
        </Tag>
      }
    >
      {notice && <Alert role="status" type="success" showIcon title={notice} style={{ marginBottom: 16 }} />}
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={m.portal.caseNumber}>{data.caseNumber}</Descriptions.Item>
        <Descriptions.Item label={m.portal.receivedAt}>
          {fmtDateTime(data.receivedAt, lang)}
        </Descriptions.Item>
        {data.rating && (
          <Descriptions.Item label={m.portal.yourRating}>
            {lbl(RATING_LABELS, data.rating.rating)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {m.portal.timeline}
      </Typography.Title>
      <Timeline
        items={data.timeline.map((t, i) => ({
          key: i,
          content: (
            <>
              <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>{fmtDateTime(t.at, lang)}</div>
              <div>{pick(t.text_zh, t.text_en)}</div>
            </>
          ),
        }))}
      />
      <PublicReply data={data} creds={creds} />
      {data.reviews.map((d) => (
        <PublicReviewDecision key={`${d.kind}-${d.decidedAt}`} data={data} decision={d} creds={creds} />
      ))}
      {(data.canFollowUp || data.followUp) && (
        <Suspense fallback={null}>
          <OnlineFollowUp
            answer={data.followUp}
            creds={creds}
            onDone={() => onChanged(m.portal.followUpSent)}
          />
        </Suspense>
      )}
      {data.canRate && <PublicAction kind="rate" creds={creds} onDone={() => onChanged(m.portal.rated)} />}
      {data.canRequestReview && (
        <PublicAction
          kind="review"
          creds={creds}
          help={m.portal.reviewHelp(fmtDate(data.reviewDueDate, lang))}
          onDone={() => onChanged(m.portal.reviewRequested)}
        />
      )}
      {data.canRequestRecheck && (
        <PublicAction kind="recheck" creds={creds} onDone={() => onChanged(m.portal.recheckRequested)} />
      )}
    </Panel>
  );
}
