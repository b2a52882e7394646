import { useTranslate } from '@refinedev/core';
import { Button, Result } from 'antd';
import { Link } from 'react-router';

function ErrorPage({ status, testId, text }: { status: '403' | '404'; testId: string; text: string }) {
  const t = useTranslate();
  return (
    <div data-testid={testId}>
      <Result status={status} title={status} subTitle={t(text)} extra={<Link to="/"><Button type="primary">{t('pages.error.backHome')}</Button></Link>} />
    </div>
  );
}

/** Shown on a route the user may not use (the API refuses its operations too). */
export const Forbidden = () => <ErrorPage status="403" testId="forbidden" text="buttons.notAccessTitle" />;

/** An address the panel has no page for. */
export const NotFound = () => <ErrorPage status="404" testId="not-found" text="pages.error.404" />;
