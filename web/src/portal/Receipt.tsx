import { Alert, Button, Descriptions, Space } from 'antd';
import { Outcome } from '../common/Outcome.tsx';
import { Panel } from '../common/Panel.tsx';
import type { PublicReceipt } from '../../../src/shared/api.schema.ts';
import { fmtDate, fmtDateTime } from '../common/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The on-screen (and printable) receipt: case number and query code. */
export function Receipt({
  receipt,
  warnings,
  onLookup,
  onAnother,
}: {
  receipt: PublicReceipt;
  warnings: string[];
  onLookup: () => void;
  onAnother: () => void;
}) {
  const { m, lang } = useI18n();
  return (
    <Panel>
      <Outcome status="success" title={m.portal.receiptTitle} subTitle={m.portal.receiptBody} />
      {warnings.length > 0 && (
        <Alert type="warning" showIcon title={warnings.join('；')} style={{ marginBottom: 16 }} />
      )}
      <Descriptions bordered column={1} size="middle" data-testid="receipt">
        <Descriptions.Item label={m.portal.caseNumber}>
          <strong data-testid="case-number" style={{ fontSize: 18 }}>
            {receipt.caseNumber}
          </strong>
        </Descriptions.Item>
        <Descriptions.Item label={m.portal.queryCode}>
          <strong data-testid="query-code" style={{ fontSize: 18, letterSpacing: 1 }}>
            {receipt.queryCode}
          </strong>
        </Descriptions.Item>
        <Descriptions.Item label={m.portal.receivedAt}>
          {fmtDateTime(receipt.receivedAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={m.portal.acceptanceDue}>
          {fmtDate(receipt.acceptanceDueDate, lang)}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap className="ms-no-print" style={{ marginTop: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {m.portal.printReceipt}
        </Button>
        <Button onClick={onLookup}>{m.portal.goLookup}</Button>
        <Button onClick={onAnother}>{m.portal.submitAnother}</Button>
      </Space>
    </Panel>
  );
}
