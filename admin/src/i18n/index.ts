import type { I18nProvider } from '@refinedev/core';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/es/locale/zh_CN';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'pharmadesk.locale';

const dictionaries: Partial<Record<Locale, Record<string, unknown>>> = { 'zh-CN': zhCN };
const antdLocales: Partial<Record<Locale, AntdLocale>> = { 'zh-CN': antdZhCN };

/** English (the panel's and antd's) loads when it is first chosen: the panel opens in Chinese. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return;
  const [panel, antd] = await Promise.all([import('./en'), import('antd/es/locale/en_US')]);
  antdLocales.en = antd.default;
  dictionaries.en = panel.en as Record<string, unknown>;
}

export const antdLocale = (locale: Locale): AntdLocale => antdLocales[locale] ?? antdZhCN;
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

const find = (locale: Locale, key: string) => extra[locale][key] ?? lookup(dictionaries[locale] ?? {}, key);

/** Refine's page titles (`staffUsers.titles.create`) and document titles, from the resource's name: 新建员工, 编辑角色… */
function pageTitle(locale: Locale, key: string): string | undefined {
  const match = /^(?:documentTitle\.)?([\w-]+)\.(?:titles\.)?(list|create|edit|show|clone)$/.exec(key);
  if (!match || (!key.startsWith('documentTitle.') && !key.includes('.titles.'))) return undefined;
  const [, resource, action] = match as unknown as [string, string, string];
  const name = find(locale, `resourceNames.${resource}`) ?? find('zh-CN', `resourceNames.${resource}`);
  const list = find(locale, `menu.${resource}`) ?? name;
  if (!name || !list) return undefined;
  const title = (find(locale, `titleFormats.${action}`) ?? '{{name}}').replace('{{name}}', action === 'list' ? list : name);
  return key.startsWith('documentTitle.') ? `${title}${find(locale, 'documentTitle.suffix') ?? ''}` : title;
}

export function translate(locale: Locale, key: string, options?: unknown, defaultMessage?: string): string {
  const params = (typeof options === 'object' && options ? options : {}) as Record<string, unknown>;
  const fallback = typeof options === 'string' ? options : defaultMessage;
  const text = find(locale, key) ?? find('zh-CN', key) ?? pageTitle(locale, key) ?? fallback ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

const BILINGUAL = /^([\p{Script=Han}][\p{Script=Han}\p{P}\s/／、·]*?)\s+([A-Za-z].*)$/u;

/**
 * Text the API gives in its own words (a plugin's description, a role template's name
 * "总部管理员 HQ admin", a permission's description) in the panel's language: the panel's own
 * text under `key` when it has one for this language; else the bilingual label's half for it;
 * else the API's text as it is.
 */
export function localizedText(locale: Locale, key: string | undefined, apiText: string | null | undefined): string {
  const own = key ? find(locale, key) : undefined;
  if (own) return own;
  const bilingual = BILINGUAL.exec(apiText ?? '');
  if (bilingual) return locale === 'en' ? bilingual[2]! : bilingual[1]!.trim();
  return apiText ?? '';
}

/** Translates in the language the panel is in, for code outside React (data provider, errors). */
export const panelTranslate = (key: string, options?: unknown, defaultMessage?: string): string => translate(storedLocale(), key, options, defaultMessage);

/** Refine's i18n provider for a locale; `onChange` lets the app re-render with the new one. */
export function createI18nProvider(locale: Locale, onChange: (locale: Locale) => void): I18nProvider {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return {
    translate: (key: string, options?: unknown, defaultMessage?: string) => translate(locale, key, options, defaultMessage),
    changeLocale: async (next: string) => {
      const value: Locale = next === 'en' ? 'en' : 'zh-CN';
      await loadLocale(value);
      localStorage.setItem(STORAGE_KEY, value);
      document.documentElement.lang = value;
      onChange(value);
    },
    getLocale: () => locale,
  };
}
