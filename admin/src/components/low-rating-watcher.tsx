import { useTranslate } from '@refinedev/core';
import { App, Button } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { subscribe } from '../data/request';

interface LowRating {
  id: string;
  customerId: string;
  rating: number | null;
  sourceKind: string;
  sourceRef: string;
  suggestion: string | null;
}

/**
 * Supervisors' live notice of a low rating (1–2) as it arrives (`lowRatingReceived` over the
 * panel's graphql-ws client), on whatever page they are; the notice opens the customer.
 * Mounted in the header for holders of survey:report.
 */
export function LowRatingWatcher() {
  const t = useTranslate();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  // The latest translate / notify / navigate, read when a rating arrives: the subscription itself stays open across renders.
  const latest = useRef({ t, notification, navigate });
  latest.current = { t, notification, navigate };
  useEffect(
    () =>
      subscribe<{ lowRatingReceived: LowRating }>('LowRatingReceived', {}, ({ lowRatingReceived: r }) => {
        const { t, notification, navigate } = latest.current;
        const key = `low-rating-${r.id}`;
        notification.warning({
          key,
          duration: 0,
          message: t('analyses.lowRating', { rating: r.rating ?? '—' }),
          description: (
            <div data-testid="low-rating-notice" data-survey={r.id} data-customer={r.customerId}>
              <div>{t('analyses.lowRatingFrom', { ref: r.sourceRef })}</div>
              {r.suggestion && <div>{t('analyses.suggestion', { text: r.suggestion })}</div>}
            </div>
          ),
          btn: (
            <Button type="primary" size="small" data-testid="low-rating-open" onClick={() => { notification.destroy(key); navigate(`/customers/show/${r.customerId}`); }}>
              {t('analyses.openCustomer')}
            </Button>
          ),
        });
      }),
    [],
  );
  return null;
}
