import { Alert, Button, Form, Input, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { MatterDetail, RoutingSuggestion } from '../../../../src/shared/api.schema.ts';
import { CategorySelect } from '../../common/CategorySelect.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { UnitSelect } from '../UnitSelect.tsx';

/** Accept: the lead unit (with the routing suggestion and its reason), co-handling units, category. */
export function AcceptFields({ matter, form }: { matter: MatterDetail; form: FormInstance }) {
  const { m, pick } = useI18n();
  // The suggestion for this version of the matter; a failure just shows none.
  const { data: suggestion } = useQuery({
    queryKey: keys.routingSuggestion(matter.id, matter.version),
    queryFn: () =>
      api
        .post<{ suggestions: RoutingSuggestion[] }>('/api/routing/suggest', {
          regionCode: matter.regionCode,
          categoryCode: matter.categoryCode ?? undefined,
          purpose: matter.purpose,
          isMisconductReport: matter.isMisconductReport,
          reportedUnitId: matter.reportedUnitId ?? undefined,
          text: `${matter.subject}\n${matter.content}`.slice(0, 20_000),
        })
        .then((r) => r.suggestions.find((s) => s.action === 'assign' && s.unitId) ?? null),
    retry: false,
  });
  return (
    <>
      {suggestion && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={m.common.labelled(m.actions.suggested, suggestion.unitName ?? '')}
          description={pick(suggestion.reasonZh, suggestion.reasonEn)}
          action={
            <Button
              size="small"
              onClick={() =>
                form.setFieldsValue({ leadUnitId: suggestion.unitId, coUnitIds: suggestion.coUnitIds })
              }
            >
              {m.register.useSuggestion}
            </Button>
          }
        />
      )}
      <Form.Item name="leadUnitId" label={m.actions.leadUnit} required>
        <UnitSelect />
      </Form.Item>
      <Form.Item name="coUnitIds" label={m.actions.coUnits}>
        <UnitSelect multiple />
      </Form.Item>
      <Form.Item
        name="categoryCode"
        label={m.register.category}
        initialValue={matter.categoryCode ?? undefined}
      >
        <CategorySelect endpoint="/api/categories" />
      </Form.Item>
      <Form.Item name="note" label={m.actions.note}>
        <Space.Compact style={{ width: '100%' }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Space.Compact>
      </Form.Item>
    </>
  );
}
