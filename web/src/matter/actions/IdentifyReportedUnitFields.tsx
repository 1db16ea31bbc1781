import { Alert, Button, Descriptions, Form, Input, Space } from 'antd';
import type { FormInstance } from 'antd';
import type { MatterDetail } from '../../../../src/shared/api.schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { UnitSelect } from '../UnitSelect.tsx';

/**
 * Confirm the reported unit of a misconduct report: the petitioner's own words, the units whose
 * names match them (a suggestion only), and the unit the registrar confirms.
 */
export function IdentifyReportedUnitFields({ matter, form }: { matter: MatterDetail; form: FormInstance }) {
  const { m } = useI18n();
  const suggestions = matter.reportedUnitSuggestions;
  return (
    <>
      <Alert type="info" role="note" title={m.actions.identifyHelp} style={{ marginBottom: 12 }} />
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={m.actions.petitionerText}>
          <span data-testid="petitioner-target">{matter.target ?? '—'}</span>
        </Descriptions.Item>
        {matter.target && (
          <Descriptions.Item label={m.actions.suggestedUnits}>
            {suggestions.length === 0 ? (
              m.actions.noSuggestedUnit
            ) : (
              <Space wrap data-testid="reported-unit-suggestions">
                {suggestions.map((s) => (
                  <Button
                    key={s.unitId}
                    size="small"
                    onClick={() => form.setFieldsValue({ unitId: s.unitId })}
                  >
                    {s.name}
                  </Button>
                ))}
              </Space>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Form.Item
        name="unitId"
        label={m.actions.reportedUnit}
        required
        initialValue={suggestions[0]?.unitId ?? matter.reportedUnitId ?? undefined}
      >
        <UnitSelect exclude={matter.units.filter((u) => !u.releasedAt).map((u) => u.unitId)} />
      </Form.Item>
      <Form.Item name="note" label={m.actions.note}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
