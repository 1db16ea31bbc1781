import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, api } from '../api/client.ts';
import { applyFieldErrors, compact, errorText } from '../common/errors.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { invalidateAdminLists } from './useList.ts';

/** A create or edit form in a dialog; the API validates and its field messages land next to fields. */
export function EditDialog({
  title,
  method,
  endpoint,
  initial,
  transform,
  onClose,
  onSaved,
  children,
}: {
  title: string;
  method: 'POST' | 'PUT' | 'PATCH';
  endpoint: string;
  initial?: Record<string, unknown>;
  transform?: (v: Record<string, unknown>) => Record<string, unknown>;
  onClose: () => void;
  onSaved: () => void;
  children: ReactNode;
}) {
  const { m, lang } = useWorkbenchI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      method === 'POST'
        ? api.post(endpoint, body)
        : method === 'PATCH'
          ? api.patch(endpoint, body)
          : api.put(endpoint, body),
    onSuccess: () => invalidateAdminLists(qc),
  });
  const busy = send.isPending;
  const save = async () => {
    setError(null);
    try {
      const raw = compact(form.getFieldsValue(true) as Record<string, unknown>);
      await send.mutateAsync(transform ? transform(raw) : raw);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) applyFieldErrors(form, e.fields, lang, () => true);
      setError(errorText(e, lang, m));
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}
