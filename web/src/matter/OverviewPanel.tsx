import { Descriptions, Tag } from 'antd';
import { CHANNEL_LABELS, PURPOSE_LABELS } from '../../../src/shared/labels.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { useCategoryName } from '../common/categories.ts';
import { Panel } from '../common/Panel.tsx';
import { UnitName } from '../common/UnitName.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function OverviewPanel({ matter }: { matter: MatterDetail }) {
  const { m, lang, lbl } = useI18n();
  const catName = useCategoryName();
  return (
    <Panel title={m.matter.overview}>
      {matter.isMisconductReport && (
        <Tag color="purple" style={{ marginBottom: 8 }}>
          {m.matter.misconduct}
        </Tag>
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={m.matter.caseNumber}>{matter.caseNumber}</Descriptions.Item>
        <Descriptions.Item label={m.matter.queryCode}>{matter.queryCode}</Descriptions.Item>
        <Descriptions.Item label={m.matter.channel}>{lbl(CHANNEL_LABELS, matter.channel)}</Descriptions.Item>
        <Descriptions.Item label={m.matter.purpose}>{lbl(PURPOSE_LABELS, matter.purpose)}</Descriptions.Item>
        <Descriptions.Item label={m.matter.category}>
          {catName(matter.categoryCode, lang, matter.categoryName) ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.region}>
          {matter.regionName ? (
            <>
              <UnitName name={matter.regionName} />
              {m.common.paren(matter.regionCode)}
            </>
          ) : (
            matter.regionCode
          )}
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.receivedAt}>
          {fmtDateTime(matter.receivedAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.registeredAt}>
          {fmtDateTime(matter.registeredAt, lang)}
        </Descriptions.Item>
        {matter.acceptedAt && (
          <Descriptions.Item label={m.matter.acceptedAt}>
            {fmtDateTime(matter.acceptedAt, lang)}
          </Descriptions.Item>
        )}
        {matter.repliedAt && (
          <Descriptions.Item label={m.matter.repliedAt}>
            {fmtDateTime(matter.repliedAt, lang)}
          </Descriptions.Item>
        )}
        {matter.isCollective && (
          <Descriptions.Item label={m.matter.headCount}>
            <Tag color="volcano">{m.matter.collective}</Tag>
            {matter.headCount}
          </Descriptions.Item>
        )}
        {matter.target && <Descriptions.Item label={m.matter.target}>{matter.target}</Descriptions.Item>}
        {matter.isMisconductReport && (
          <Descriptions.Item label={m.matter.reportedUnit}>
            {matter.reportedUnitName ?? (
              <Tag color="orange" data-testid="reported-unit-unconfirmed">
                {m.matter.reportedUnitUnconfirmed}
              </Tag>
            )}
          </Descriptions.Item>
        )}
        {matter.handedDownFrom && (
          <Descriptions.Item label={m.matter.handedDownFrom}>{matter.handedDownFrom}</Descriptions.Item>
        )}
        {!!matter.extensionDays && (
          <Descriptions.Item label={m.matter.extensionDays}>{matter.extensionDays}</Descriptions.Item>
        )}
      </Descriptions>
      <h3 style={{ fontSize: 15, marginTop: 12 }}>{m.matter.content}</h3>
      <p className="ms-pre" style={{ marginBottom: 0 }}>
        {matter.content}
      </p>
    </Panel>
  );
}
