import { Button, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { LIMITS } from '../../../src/shared/enums.ts';
import type { PetitionerHit } from '../../../src/shared/api.schema.ts';
import { readPerson } from './read-person.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PetitionerMatches } from './PetitionerMatches.tsx';

/** One petitioner of the Form.List "petitioners", with the look-up of known people. */
export function PetitionerFields({
  index,
  name,
  onRemove,
  showRepresentative,
}: {
  index: number;
  name: number;
  onRemove?: () => void;
  showRepresentative: boolean;
}) {
  const { m } = useI18n();
  const form = Form.useFormInstance();
  const [typed, setTyped] = useState('');
  const track = (e: { target: { value: string } }) => setTyped(e.target.value);
  return (
    <fieldset
      data-testid={`petitioner-${index}`}
      style={{ border: '1px solid #e3e5e8', borderRadius: 6, padding: '8px 12px 0', marginBottom: 12 }}
    >
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
        {m.register.petitionerN(index + 1)}
      </legend>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item name={[name, 'kind']} label={m.register.kind} initialValue="person">
            <Select
              options={[
                { value: 'person', label: m.register.kindPerson },
                { value: 'organisation', label: m.register.kindOrganisation },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item name={[name, 'name']} label={m.register.name} required>
            <Input maxLength={LIMITS.nameMax} onChange={track} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={9}>
          <Form.Item name={[name, 'idNumber']} label={m.register.idNumber}>
            <Input maxLength={18} onChange={track} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'phone']} label={m.register.phone}>
            <Input maxLength={30} onChange={track} autoComplete="off" inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={[name, 'address']} label={m.register.address}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <PetitionerMatches
        q={typed}
        onUse={(hit: PetitionerHit) => {
          setTyped('');
          // The hit shows masked numbers; the whole person is read (and the view logged) to fill the form.
          void readPerson(hit).then((p) => {
            for (const [field, value] of Object.entries(p))
              if (value !== null) form.setFieldValue(['petitioners', name, field], value);
          });
        }}
      />
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
      >
        {showRepresentative ? (
          <Form.Item name={[name, 'isRepresentative']} valuePropName="checked" style={{ margin: 0 }}>
            <Checkbox>{m.register.isRepresentative}</Checkbox>
          </Form.Item>
        ) : (
          <span />
        )}
        {onRemove && (
          <Button size="small" danger type="link" onClick={onRemove}>
            {m.register.removePetitioner}
          </Button>
        )}
      </div>
    </fieldset>
  );
}
