import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { errorText } from '../data/errors';
import { request } from '../data/request';
import type { ApiError } from '../graphql-client';

/** A named query from schema/operations, cached by name and variables. */
export function useGql<T>(name: string, variables: Record<string, unknown> = {}, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: ['gql', name, variables], queryFn: () => request<T>(name, variables), enabled: options.enabled ?? true });
}

/** A named mutation with a busy flag; success says what happened (`success`, an i18n key), failures say why in the panel's language. */
export function useGqlMutation<T>(name: string, options: { success?: string } = {}) {
  const { message, notification } = App.useApp();
  const t = useTranslate();
  const [loading, setLoading] = useState(false);
  const run = useCallback(
    async (variables: Record<string, unknown>): Promise<T | undefined> => {
      setLoading(true);
      try {
        const result = await request<T>(name, variables);
        if (options.success) message.success(t(options.success));
        return result;
      } catch (error) {
        notification.error({ message: t('errors.codes.UNKNOWN'), description: errorText(error as ApiError, t) });
        return undefined;
      } finally {
        setLoading(false);
      }
    },
    [name, notification, message, t, options.success],
  );
  return { run, loading };
}
