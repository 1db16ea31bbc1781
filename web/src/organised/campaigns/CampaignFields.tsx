import { Form, Input, InputNumber } from 'antd';
import { RegionPicker } from '../../common/RegionPicker.tsx';
import { UnitSelect } from '../../matter/UnitSelect.tsx';
import { useWorkI18n } from '../i18n.ts';

export interface CampaignFieldValues {
  campaignName: string;
  periodStart: string;
  periodEnd: string;
  scopeRegionCode?: string;
  leadUnitId?: number;
  targetPercent: number;
  workPlan?: string;
}

/** The body of a new campaign from the form's values. */
export const campaignBody = (v: CampaignFieldValues) => ({
  campaignName: v.campaignName,
  periodStart: v.periodStart,
  periodEnd: v.periodEnd,
  targetPercent: v.targetPercent,
  ...(v.scopeRegionCode ? { scopeRegionCode: v.scopeRegionCode } : {}),
  ...(v.leadUnitId ? { leadUnitId: v.leadUnitId } : {}),
  ...(v.workPlan ? { workPlan: v.workPlan } : {}),
});

/** The fields of a new campaign: name, period, scope, target (1–100 %) and work plan. */
export function CampaignFields() {
  const { m } = useWorkI18n();
  const c = m.campaign;
  const required = [{ required: true, message: m.common.required }];
  return (
    <>
      <Form.Item name="campaignName" label={c.name} rules={required}>
        <Input maxLength={200} data-testid="campaign-name" />
      </Form.Item>
      <Form.Item name="periodStart" label={c.periodStart} rules={required}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="periodEnd" label={c.periodEnd} rules={required}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="scopeRegionCode" label={c.scopeRegion}>
        <RegionPicker endpoint="/api/regions" ariaLabel={c.scopeRegion} />
      </Form.Item>
      <Form.Item name="leadUnitId" label={c.leadUnit}>
        <UnitSelect />
      </Form.Item>
      <Form.Item name="targetPercent" label={c.target} rules={required} initialValue={80}>
        <InputNumber min={1} max={100} precision={0} data-testid="campaign-target" />
      </Form.Item>
      <Form.Item name="workPlan" label={c.workPlan}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </>
  );
}
