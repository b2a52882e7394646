import type { ComponentType, ReactElement } from 'react';
import type { ResourceProps } from '@refinedev/core';

/** Plugins write their GraphQL operations with `gql('query ... { ... }')` (the panel ships no graphql-js). */
export { parseDocument as gql } from '../operations';

/**
 * What a plugin contributes to the admin panel. A plugin package exports one `AdminExtension`
 * from `plugins/<name>/admin/index.ts(x)`; `installed.ts` lists the installed ones.
 *
 * The panel shows an extension's pieces only when the signed-in user's `me { enabledPlugins }`
 * contains `plugin`, i.e. the plugin is enabled for the user's franchise. Everything else still
 * goes through access control: resources are checked with `accessControlProvider.can` like core
 * resources (give them `meta.permission`), and the API refuses what the user may not do.
 */
export interface AdminExtension {
  /** Plugin name exactly as the API reports it in `me { enabledPlugins }`. */
  plugin: string;
  /**
   * Refine resources (list/show/edit/create paths). `meta.label` may be an i18n key; `meta.permission`
   * (a permission name from the API's `Permission` enum) hides the resource from users without it.
   */
  resources?: ResourceProps[];
  /** Routes rendered inside the authenticated layout; paths are absolute (e.g. `/loyalty/points`). */
  routes?: AdminExtensionRoute[];
  /** Extra menu entries that are not resources (links to routes above or external pages). */
  menuItems?: AdminExtensionMenuItem[];
  /** Cards shown on the dashboard home. */
  dashboardWidgets?: AdminDashboardWidget[];
  /** Translations merged into the panel's i18n resources, per language (`zh-CN`, `en`). */
  translations?: Partial<Record<AdminLocale, Record<string, string>>>;
}

export type AdminLocale = 'zh-CN' | 'en';

export interface AdminExtensionRoute {
  path: string;
  element: ReactElement;
  /** When set, the route renders only for users holding this permission. */
  permission?: string;
}

export interface AdminExtensionMenuItem {
  key: string;
  /** Label or i18n key. */
  label: string;
  path: string;
  icon?: ReactElement;
  permission?: string;
}

export interface AdminDashboardWidgetProps {
  /** Permissions of the signed-in user, as reported by `me { permissions }`. */
  permissions: readonly string[];
}

export interface AdminDashboardWidget {
  key: string;
  /** Card title or i18n key. */
  title: string;
  component: ComponentType<AdminDashboardWidgetProps>;
  permission?: string;
}

/** Identity helper so plugin modules get type checking without importing the interface by name. */
export function defineAdminExtension(extension: AdminExtension): AdminExtension {
  return extension;
}
