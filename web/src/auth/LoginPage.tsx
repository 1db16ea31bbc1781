import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { applyFieldErrors, errorText } from '../common/errors.ts';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';

interface Values {
  username: string;
  password: string;
}

export function LoginPage() {
  const { m, lang } = useI18n();
  const { status, login } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username, v.password);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) applyFieldErrors(form, e.fields, lang);
      setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {m.app.name} · {m.app.staffTitle}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {m.auth.title}
        </Typography.Title>
        {status === 'expired' && (
          <Alert
            role="alert"
            type="warning"
            showIcon
            title={m.errors.sessionExpired}
            style={{ marginBottom: 16 }}
          />
        )}
        {status === 'signed-out' && (
          <Alert type="info" showIcon title={m.auth.loggedOut} style={{ marginBottom: 16 }} />
        )}
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={m.auth.username}
            rules={[{ required: true, message: m.common.fieldRequired(m.auth.username) }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={m.auth.password}
            rules={[{ required: true, message: m.common.fieldRequired(m.auth.password) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {m.auth.login}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 13 }}>
          {m.auth.demoHint}
        </Typography.Paragraph>
        <Typography.Link href="/portal">{m.nav.portal}</Typography.Link>
      </Card>
    </main>
  );
}
