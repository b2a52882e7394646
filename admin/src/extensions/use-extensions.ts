import type { ResourceProps } from '@refinedev/core';
import { useEffect, useState } from 'react';
import { loadMe } from '../auth/me';
import { getSession, onSessionChanged } from '../auth/session';
import { addTranslations } from '../i18n';
import { installedAdminExtensions } from './installed';
import type { AdminExtension } from './types';

for (const extension of installedAdminExtensions)
  for (const [locale, strings] of Object.entries(extension.translations ?? {})) addTranslations(locale as 'zh-CN' | 'en', strings ?? {});

/** Extensions of the plugins enabled for the signed-in user's franchise (`me { enabledPlugins }`). */
export function activeExtensions(enabledPlugins: readonly string[]): AdminExtension[] {
  return installedAdminExtensions.filter((extension) => enabledPlugins.includes(extension.plugin));
}

/** Refine resources an extension adds: its own, plus menu items as list-only resources. */
export function extensionResources(extensions: AdminExtension[]): ResourceProps[] {
  return extensions.flatMap((extension) => [
    ...(extension.resources ?? []).map((r) => ({ ...r, meta: { ...r.meta, plugin: extension.plugin } })),
    ...(extension.menuItems ?? []).map((item) => ({ name: item.key, list: item.path, meta: { label: item.label, icon: item.icon, permission: item.permission, plugin: extension.plugin } })),
  ]);
}

/** The enabled plugins, reloaded when the session changes. */
export function useEnabledPlugins(): string[] {
  const [plugins, setPlugins] = useState<string[]>([]);
  useEffect(() => {
    const load = () => {
      if (!getSession()) return setPlugins([]);
      loadMe()
        .then((me) => setPlugins(me.enabledPlugins))
        .catch(() => setPlugins([]));
    };
    load();
    return onSessionChanged(load);
  }, []);
  return plugins;
}
