import type { I18nProvider } from '@refinedev/core';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'pharmadesk.locale';

const dictionaries: Record<Locale, Record<string, unknown>> = { 'zh-CN': zhCN, en: en as Record<string, unknown> };
/** Extra strings (plugin admin extensions), per locale. */
const extra: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };

export function addTranslations(locale: Locale, strings: Record<string, string>): void {
  Object.assign(extra[locale], strings);
}

export function storedLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

function lookup(dictionary: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = dictionary;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function translate(locale: Locale, key: string, options?: unknown, defaultMessage?: string): string {
  const params = (typeof options === 'object' && options ? options : {}) as Record<string, unknown>;
  const fallback = typeof options === 'string' ? options : defaultMessage;
  const text = extra[locale][key] ?? lookup(dictionaries[locale], key) ?? extra['zh-CN'][key] ?? lookup(dictionaries['zh-CN'], key) ?? fallback ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Refine's i18n provider for a locale; `onChange` lets the app re-render with the new one. */
export function createI18nProvider(locale: Locale, onChange: (locale: Locale) => void): I18nProvider {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return {
    translate: (key: string, options?: unknown, defaultMessage?: string) => translate(locale, key, options, defaultMessage),
    changeLocale: async (next: string) => {
      const value: Locale = next === 'en' ? 'en' : 'zh-CN';
      localStorage.setItem(STORAGE_KEY, value);
      document.documentElement.lang = value;
      onChange(value);
    },
    getLocale: () => locale,
  };
}
