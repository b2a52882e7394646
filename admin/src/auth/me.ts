import { request } from '../data/request';
import { getSession } from './session';

export interface Me {
  permissions: string[];
  enabledPlugins: string[];
  scope: { isHq: boolean; franchiseIds: string[]; orgUnit: { id: string; name: string; kind: string; franchiseId: string; timeZone: string } };
  user: { id: string; displayName: string; email: string; jobTitle: string; orgUnitId: string; franchiseId: string } | null;
  /** Server clock minus the browser's, for SLA countdowns. */
  clockOffsetMs: number;
}

let cached: { token: string; me: Promise<Me> } | null = null;

/** The signed-in user's permissions and scope, loaded once per session. */
export function loadMe(): Promise<Me> {
  const token = getSession()?.refreshToken ?? '';
  if (cached?.token === token) return cached.me;
  const started = Date.now();
  const me = request<{ me: Omit<Me, 'clockOffsetMs'>; serverInfo: { now: string } }>('Me').then(({ me, serverInfo }) => ({
    ...me,
    enabledPlugins: me.enabledPlugins ?? [],
    clockOffsetMs: Date.parse(serverInfo.now) - (started + Date.now()) / 2,
  }));
  cached = { token, me };
  me.catch(() => {
    if (cached?.me === me) cached = null;
  });
  return me;
}

export function forgetMe(): void {
  cached = null;
}

export const can = (me: Me | undefined, permission: string | undefined): boolean => !permission || !!me?.permissions.includes(permission);
