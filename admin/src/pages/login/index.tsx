import { useLogin, useSetLocale, useGetLocale, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { sessionExpiredFlag } from '../../auth/session';

/** Sign-in page; says when the previous session expired. */
export function LoginPage() {
  const t = useTranslate();
  const [params] = useSearchParams();
  const { mutate: login, isPending, error, data } = useLogin<{ email: string; password: string }>();
  const locale = useGetLocale()();
  const setLocale = useSetLocale();
  const failure = data && !data.success ? data.error?.message : error?.message;
  const redirectTo = params.get('to') ?? undefined;
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }} title={t('pages.login.title')} extra={<Button type="link" data-testid="language-switch" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t('app.switchTo')}</Button>}>
        {(params.get('expired') || sessionExpiredFlag()) && <Alert type="warning" showIcon message={t('pages.login.expired')} style={{ marginBottom: 16 }} data-testid="session-expired" />}
        {failure && <Alert type="error" showIcon message={t('pages.login.failed')} description={failure} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={(values: { email: string; password: string }) => login({ ...values, redirectTo } as never)} requiredMark={false}>
          <Form.Item name="email" label={t('pages.login.fields.email')} rules={[{ required: true, message: t('pages.login.errors.requiredEmail') }, { type: 'email', message: t('pages.login.errors.validEmail') }]}>
            <Input autoComplete="username" data-testid="login-email" />
          </Form.Item>
          <Form.Item name="password" label={t('pages.login.fields.password')} rules={[{ required: true, message: t('pages.login.errors.requiredPassword') }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isPending} data-testid="login-submit">
            {t('pages.login.buttons.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('app.title')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
