import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import { COMMAND_LABELS } from '../../../src/shared/labels.ts';
import { ApiError } from '../api/client.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import {
  applyFieldErrors,
  clearErrorsOnChange,
  clearFieldErrors,
  compact,
  errorText,
  validateWith,
} from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AcceptFields } from './actions/AcceptFields.tsx';
import { DecideOtherFields } from './actions/DecideOtherFields.tsx';
import { IdentifyReportedUnitFields } from './actions/IdentifyReportedUnitFields.tsx';
import { ReplyComposer } from './actions/ReplyComposer.tsx';
import { SimpleFields } from './actions/SimpleFields.tsx';
import { COMMANDS } from './commands.ts';
import { useMatterCommand } from './useMatterCommand.ts';

/** One lifecycle command: its form, the API's validation, and the API's answer. */
export function ActionDialog({
  action,
  matter,
  onClose,
  onDone,
}: {
  action: string;
  matter: MatterDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { m, lang, lbl } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const command = useMatterCommand(matter.id);
  const spec = COMMANDS[action];
  if (!spec) return null;

  const confirmText =
    action === 'sign_for'
      ? m.actions.signForConfirm
      : action === 'close'
        ? m.actions.closeConfirm
        : action === 'conclude'
          ? m.actions.concludeConfirm
          : null;

  const submit = async () => {
    setError(null);
    clearFieldErrors(form);
    const values = compact({ ...(form.getFieldsValue(true) as Record<string, unknown>), ...spec.fixed });
    const checked = validateWith(spec.schema, values);
    if (!checked.ok) {
      const orphans = applyFieldErrors(form, checked.fields, lang, (p) => p[0] !== 'decision');
      setError(orphans.length ? orphans.join('；') : m.errors.formHasErrors);
      return;
    }
    setBusy(true);
    try {
      await command.mutateAsync({ endpoint: spec.endpoint, body: values });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length)
        applyFieldErrors(form, e.fields, lang, (p) => p[0] !== 'decision');
      setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  let fields;
  switch (action) {
    case 'accept':
      fields = <AcceptFields matter={matter} form={form} />;
      break;
    case 'forward':
    case 'hand_down':
    case 'not_accept':
    case 'merge':
      fields = <DecideOtherFields action={action} />;
      break;
    case 'reply':
    case 'decide_review':
    case 'decide_recheck':
      fields = <ReplyComposer matter={matter} review={action !== 'reply'} />;
      break;
    case 'sign_for':
      fields = null;
      break;
    case 'identify_reported_unit':
      fields = <IdentifyReportedUnitFields matter={matter} form={form} />;
      break;
    default:
      fields = <SimpleFields action={action} />;
  }

  return (
    <Modal
      open
      title={`${lbl(COMMAND_LABELS, action)} · ${matter.caseNumber}`}
      okText={lbl(COMMAND_LABELS, action)}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={action === 'reply' || action.startsWith('decide_') ? 860 : 560}
      destroyOnHidden
      okButtonProps={{ danger: action === 'not_accept' || action === 'conclude' }}
    >
      {confirmText && <p>{confirmText}</p>}
      {error && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="action-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFieldsChange={clearErrorsOnChange(form, () =>
          setError((e) => (e === m.errors.formHasErrors ? null : e)),
        )}
      >
        {fields}
      </Form>
    </Modal>
  );
}
