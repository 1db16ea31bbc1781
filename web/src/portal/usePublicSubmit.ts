import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { applyFieldErrors, compact, errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';

/**
 * Sends one of the petitioner's own commands with their case number and query code: a field the
 * form shows gets its message beside it, and every refusal is said once above the form.
 */
export function usePublicSubmit(
  form: FormInstance,
  endpoint: string,
  creds: Credentials,
  fields: readonly string[],
  onDone: () => void,
) {
  const { m, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.post(endpoint, { ...creds, ...compact(form.getFieldsValue(true) as Record<string, string>) });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length)
        applyFieldErrors(form, e.fields, lang, (p) => fields.includes(String(p[0])));
      setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
