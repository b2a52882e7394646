import { useInvalidateAuthStore, useTranslate } from '@refinedev/core';
import { App } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { forgetMe } from '../auth/me';
import { onSessionExpired } from '../auth/session';

/** When the session can no longer be renewed: say so and go to sign-in (no reload, no lost message). */
export function SessionWatcher() {
  const navigate = useNavigate();
  const t = useTranslate();
  const { notification } = App.useApp();
  const invalidateAuth = useInvalidateAuthStore();
  useEffect(
    () =>
      onSessionExpired(() => {
        forgetMe();
        notification.warning({ key: 'session-expired', message: t('session.expired'), description: t('session.expiredDescription') });
        navigate(`/login?expired=1&to=${encodeURIComponent(window.location.pathname)}`);
        void invalidateAuth();
      }),
    [navigate, notification, t, invalidateAuth],
  );
  return null;
}
