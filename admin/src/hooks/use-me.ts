import { useGetIdentity } from '@refinedev/core';
import { can, type Me } from '../auth/me';

/** The signed-in user (permissions, scope, clock offset) and a permission check. */
export function useMe() {
  const { data } = useGetIdentity<Me>();
  return { me: data ?? undefined, can: (permission?: string) => can(data ?? undefined, permission) };
}
