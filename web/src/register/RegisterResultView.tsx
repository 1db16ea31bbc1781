import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Descriptions, List, Result, Space } from 'antd';
import { DEADLINE_KIND_LABELS, LAWFUL_CHANNEL_LABELS } from '../../../src/shared/labels.ts';
import type { RegisterResult } from '../../../src/shared/api.schema.ts';
import { fmtDate } from '../common/format.ts';
import { StateTag } from '../common/StateTag.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function RegisterResultView({
  result,
  warnings,
  onAnother,
}: {
  result: RegisterResult;
  warnings: string[];
  onAnother: () => void;
}) {
  const { m, lang, pick, lbl } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={m.register.successTitle}
      subTitle={m.register.successBody(result.caseNumber, result.queryCode)}
      extra={
        <Space>
          <Button
            type="primary"
            onClick={() => void navigate({ to: '/matters/$id', params: { id: String(result.id) } })}
            data-testid="open-registered"
          >
            {m.register.openMatter}
          </Button>
          <Button onClick={onAnother}>{m.register.registerAnother}</Button>
        </Space>
      }
    >
      {warnings.length > 0 && (
        <Alert type="warning" title={m.common.clauses(warnings)} style={{ marginBottom: 12 }} />
      )}
      <Descriptions column={1} size="small" data-testid="register-result">
        <Descriptions.Item label={m.matter.caseNumber}>
          <strong data-testid="case-number">{result.caseNumber}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.queryCode}>
          <strong data-testid="query-code">{result.queryCode}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.state}>
          <StateTag state={result.state} />
        </Descriptions.Item>
        <Descriptions.Item label={lbl(DEADLINE_KIND_LABELS, 'acceptance')}>
          {m.register.acceptanceDue(fmtDate(result.acceptanceDueDate, lang))}
        </Descriptions.Item>
        {result.isCollective && (
          <Descriptions.Item label={m.matter.collective}>{result.headCount}</Descriptions.Item>
        )}
      </Descriptions>
      {result.routingSuggestions.length > 0 && (
        <List
          size="small"
          header={<strong>{m.register.routing}</strong>}
          dataSource={result.routingSuggestions.slice(0, 3)}
          renderItem={(s) => (
            <List.Item>
              {s.unitName ??
                `${m.register.routingLawful}${m.common.paren(lbl(LAWFUL_CHANNEL_LABELS, s.lawfulChannel))}`}{' '}
              — {pick(s.reasonZh, s.reasonEn)}
            </List.Item>
          )}
        />
      )}
    </Result>
  );
}
