import { Alert } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText } from './errors.ts';

/** A failed request's message, in the page's language (nothing when there is no error). */
export function ErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  const { m, lang } = useI18n();
  if (!error) return null;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={errorText(error, lang, m)}
      style={{ marginBottom: 12 }}
      data-testid={testId}
    />
  );
}
