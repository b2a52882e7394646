import { opText } from '../operations';

/** Tokens of the signed-in staff member, kept in localStorage so every tab shares them. */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

const STORAGE_KEY = 'pharmadesk.session';
/** Refresh this long before the access token runs out, so requests never carry a dead token. */
const REFRESH_MARGIN_MS = 60_000;

type Listener = () => void;
const expiredListeners = new Set<Listener>();
const changedListeners = new Set<Listener>();

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session): void {
  sessionStorage.removeItem('pharmadesk.sessionExpired');
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  changedListeners.forEach((l) => l());
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
  changedListeners.forEach((l) => l());
}

/** Called when the session can no longer be renewed (refresh refused, revoked, expired). */
export function onSessionExpired(listener: Listener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

/** Called after tokens change (sign-in, refresh, sign-out): live connections re-authenticate. */
export function onSessionChanged(listener: Listener): () => void {
  changedListeners.add(listener);
  return () => changedListeners.delete(listener);
}

const EXPIRED_FLAG = 'pharmadesk.sessionExpired';

/** Whether the last session ended by expiry (the sign-in page says so); cleared on the next sign-in. */
export function sessionExpiredFlag(clear = false): boolean {
  const set = sessionStorage.getItem(EXPIRED_FLAG) === '1';
  if (clear) sessionStorage.removeItem(EXPIRED_FLAG);
  return set;
}

export function expireSession(): void {
  if (!getSession()) return;
  sessionStorage.setItem(EXPIRED_FLAG, '1');
  clearSession();
  expiredListeners.forEach((l) => l());
}

/** Posts an operation without credentials (sign-in and refresh). */
export async function postAnonymous<T>(name: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: opText(name), operationName: name, variables }),
  });
  return response.json();
}

let refreshing: Promise<Session | null> | null = null;

async function refreshNow(stale: Session): Promise<Session | null> {
  // Another tab may have rotated the tokens already: a rotated refresh token used twice ends the session.
  const current = getSession();
  if (!current) return null;
  if (current.refreshToken !== stale.refreshToken) return current;
  try {
    const result = await postAnonymous<{ refreshSession: Session }>('RefreshSession', { refreshToken: current.refreshToken });
    if (result.data?.refreshSession) {
      setSession(result.data.refreshSession);
      return result.data.refreshSession;
    }
  } catch {
    return current; // network trouble: keep the session, the next request tries again
  }
  expireSession();
  return null;
}

/** Renews the tokens once, however many requests ask at the same time (and across tabs when the browser has locks). */
export function refreshSession(): Promise<Session | null> {
  const stale = getSession();
  if (!stale) return Promise.resolve(null);
  if (!refreshing) {
    const run = () => refreshNow(stale);
    const locks = (navigator as Navigator & { locks?: { request(name: string, cb: () => Promise<Session | null>): Promise<Session | null> } }).locks;
    const started: Promise<Session | null> = locks ? (locks.request('pharmadesk-refresh', run) as unknown as Promise<Session | null>) : run();
    refreshing = started.finally(() => {
      refreshing = null;
    });
    return refreshing;
  }
  return refreshing;
}

/** An access token good for at least another minute, refreshed silently when needed. */
export async function validAccessToken(): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  if (Date.parse(session.accessTokenExpiresAt) - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
  return (await refreshSession())?.accessToken ?? null;
}
