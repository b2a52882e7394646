import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { request } from '../data/request';
import type { ApiError } from '../graphql-client';

/** A named query from schema/operations, cached by name and variables. */
export function useGql<T>(name: string, variables: Record<string, unknown> = {}, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: ['gql', name, variables], queryFn: () => request<T>(name, variables), enabled: options.enabled ?? true });
}

/** A named mutation with a busy flag; failures are shown as a notification with the API's message. */
export function useGqlMutation<T>(name: string) {
  const { notification } = App.useApp();
  const t = useTranslate();
  const [loading, setLoading] = useState(false);
  const run = useCallback(
    async (variables: Record<string, unknown>): Promise<T | undefined> => {
      setLoading(true);
      try {
        return await request<T>(name, variables);
      } catch (error) {
        notification.error({ message: t('notifications.success') === 'Done' ? 'Failed' : '操作失败', description: (error as ApiError).message });
        return undefined;
      } finally {
        setLoading(false);
      }
    },
    [name, notification, t],
  );
  return { run, loading };
}
