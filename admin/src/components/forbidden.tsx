import { useTranslate } from '@refinedev/core';
import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** Shown on a route the user may not use (the API refuses its operations too). */
export function Forbidden() {
  const t = useTranslate();
  return (
    <div data-testid="forbidden">
      <Result status="403" title="403" subTitle={t('buttons.notAccessTitle')} extra={<Link to="/"><Button type="primary">{t('pages.error.backHome')}</Button></Link>} />
    </div>
  );
}

/** An address the panel has no page for. */
export function NotFound() {
  const t = useTranslate();
  return (
    <div data-testid="not-found">
      <Result status="404" title="404" subTitle={t('pages.error.404')} extra={<Link to="/"><Button type="primary">{t('pages.error.backHome')}</Button></Link>} />
    </div>
  );
}
