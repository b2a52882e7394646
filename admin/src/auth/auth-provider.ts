import type { AuthProvider } from '@refinedev/core';
import { request } from '../data/request';
import { forgetMe, loadMe } from './me';
import { clearSession, getSession, postAnonymous, setSession, type Session } from './session';

/** Sign-in with the API's login mutation; tokens renew silently (see session.ts). */
export const authProvider: AuthProvider = {
  login: async ({ email, password, redirectTo }: { email: string; password: string; redirectTo?: string }) => {
    const result = await postAnonymous<{ login: Session | null }>('Login', { email, password });
    if (!result.data?.login) {
      return { success: false, error: { name: 'LoginError', message: result.errors?.[0]?.message ?? 'Sign-in failed' } };
    }
    forgetMe();
    setSession(result.data.login);
    await loadMe();
    return { success: true, redirectTo: redirectTo && redirectTo.startsWith('/') && !redirectTo.startsWith('/login') ? redirectTo : '/' };
  },
  logout: async () => {
    if (getSession()) await request('Logout').catch(() => undefined);
    clearSession();
    forgetMe();
    return { success: true, redirectTo: '/login' };
  },
  check: async () => {
    if (!getSession()) return { authenticated: false, redirectTo: '/login', logout: true };
    try {
      await loadMe();
      return { authenticated: true };
    } catch {
      if (!getSession()) return { authenticated: false, redirectTo: '/login?expired=1', logout: true };
      return { authenticated: true };
    }
  },
  onError: async (error: { statusCode?: number }) => {
    if (error?.statusCode === 401) return { logout: true, redirectTo: '/login?expired=1' };
    return {};
  },
  getIdentity: async () => (getSession() ? loadMe() : null),
  getPermissions: async () => (getSession() ? (await loadMe()).permissions : []),
};
