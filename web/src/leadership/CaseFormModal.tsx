import { Alert, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { applyFieldErrors, errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A small dialog that sends one case command: the fields are the caller's, the server's field
 * messages land next to them (a message about one of several units lands on the unit list).
 */
export function CaseFormModal<T extends object>({
  title,
  open,
  onClose,
  onSubmit,
  children,
  testId,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  children: ReactNode;
  testId: string;
}) {
  const { m, lang } = useI18n();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [orphans, setOrphans] = useState<string[]>([]);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setOrphans([]);
    try {
      await onSubmit(values);
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const fields = err.fields.map((f) => ({ ...f, path: f.path.replace(/^(unitIds)\.\d+$/, '$1') }));
        setOrphans(applyFieldErrors(form, fields, lang));
      } else setOrphans([errorText(err, lang, m)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={m.common.submit}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      destroyOnHidden
      data-testid={testId}
    >
      {orphans.map((o) => (
        <Alert key={o} role="alert" type="error" showIcon title={o} style={{ marginBottom: 12 }} />
      ))}
      <Form form={form} layout="vertical" preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}
