import type { ApiError, GraphQLFieldError } from '../graphql-client';
import { panelTranslate } from '../i18n';

type Translate = (key: string, options?: any, fallback?: string) => string; // eslint-disable-line @typescript-eslint/no-explicit-any
const MISSING = '\u0000';

/** The panel's text for a stable reason, or undefined when the panel has none for it. */
function reasonText(t: Translate, reason: string | undefined, params: Record<string, unknown> = {}): string | undefined {
  if (!reason) return undefined;
  const text = t(`errors.reasons.${reason}`, { ...params, list: Array.isArray(params.allowed) ? params.allowed.join('、') : '' }, MISSING);
  return text === MISSING ? undefined : text;
}

/** One field's problem in the panel's language (the API's English text only where the panel knows no reason). */
export function fieldErrorText(problem: GraphQLFieldError, t: Translate = panelTranslate): string {
  return reasonText(t, problem.reason, problem.params) ?? `${t('errors.codes.BAD_USER_INPUT')}（${problem.message}）`;
}

/**
 * An API error in the panel's language: the text for its reason, else for its code; the API's
 * English message (kept for partners) only as the detail of a reason the panel does not know.
 */
export function errorText(error: ApiError | Error, t: Translate = panelTranslate): string {
  const api = error as Partial<ApiError>;
  const own = reasonText(t, api.reason, api.params);
  if (own) return own;
  if (api.fields?.length) return api.fields.map((f) => fieldErrorText(f, t)).join('；');
  const general = t(`errors.codes.${api.code ?? 'UNKNOWN'}`, {}, MISSING);
  return general === MISSING ? `${t('errors.codes.UNKNOWN')}（${error.message}）` : general;
}

/** Why a workflow action is unavailable, from the API's reason code when it gives one. */
export function blockedText(blocked: { reason?: string | null; params?: Record<string, unknown> | null; message: string }, t: Translate): string {
  return reasonText(t, blocked.reason ?? undefined, blocked.params ?? {}) ?? blocked.message;
}
