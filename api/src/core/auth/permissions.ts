/**
 * The permission registry. A permission is a named, documented capability
 * ("case:assign"); roles are sets of them. Core modules and plugins register theirs
 * with `definePermissions`, including which built-in role templates get them by default.
 */
export interface PermissionDefinition {
  /** `<resource>:<action>`, lower case: `customer:pii`, `order:refund`. */
  name: string;
  description: string;
  /** Groups permissions in the admin's role editor. */
  group: string;
  /** Role templates (built-in or a plugin's) that hold this permission by default. */
  grantedTo?: readonly TemplateKey[];
  /** Only HQ staff may ever hold it (e.g. editing franchise contracts). */
  hqOnly?: boolean;
  /**
   * A professional qualification (a licensed pharmacist's or doctor's work), not an administrative
   * power: whoever manages staff may give it to a person in a role although they do not hold it
   * themselves (an owner hires pharmacists), but never to an API key.
   */
  qualification?: boolean;
}

/** The built-in role templates (domain.md "Who works here"). Plugins may add more. */
export const ROLE_TEMPLATES = {
  agent: { name: '客服坐席 Agent', description: 'Answers consultations, takes complaints, handles order questions, callbacks and surveys.' },
  health_manager: { name: '健康管理师 Health manager', description: 'Owns client relationships in a store: archives, appointments, first line for in-store complaints.' },
  pharmacist: { name: '药师/医生 Pharmacist or doctor', description: 'Medication guidance and consultations an agent cannot answer.' },
  consulting: { name: '咨询部 Consulting dept', description: 'Receives samples and reviews reports.' },
  supervisor: { name: '客服主管 Supervisor', description: 'Watches queues, handles escalations, monitors and scores agents.' },
  store_director: { name: '门店主任 Store director', description: 'Complaints beyond a health manager’s authority; drives corrective actions.' },
  franchise_owner: { name: '加盟商 Franchise owner', description: 'Runs one franchise: its stores, staff, roles and partner keys.' },
  hq_admin: { name: '总部管理员 HQ admin', description: 'Everything: franchise contracts, central warehouse, all franchises.' },
  qa_analyst: { name: '质检 QA analyst', description: 'Scores agent performance against the rubric.' },
  warehouse_keeper: { name: '库管员 Warehouse keeper', description: 'Receives, stores, picks and counts stock; holds and releases lots.' },
  product_manager: { name: '商品经理 Product manager', description: 'Keeps the product catalog, suppliers, availability and prices.' },
  purchasing_approver: { name: '采购审批 Purchasing approver', description: 'Approves purchase requests; sees stock to judge them.' },
  stock_viewer: { name: '库存查询 Stock viewer', description: 'Reads products, warehouses, stock and the moves ledger.' },
  stock_counter: { name: '盘点员 Stock counter', description: 'Counts stock on count sheets; on blind counts never sees book quantities.' },
} as const;
export type RoleTemplateKey = keyof typeof ROLE_TEMPLATES;
/** A built-in template key, or one a plugin adds (e.g. store_pharmacist). */
export type TemplateKey = RoleTemplateKey | (string & {});

/** A role template a plugin adds: its permissions are its own `permissions` plus every permission granted to it. */
export interface RoleTemplateDefinition {
  key: string;
  name: string;
  description: string;
  permissions?: readonly string[];
  /** The plugin that added it (set by the plugin host). */
  plugin?: string;
}

const extraTemplates = new Map<string, RoleTemplateDefinition>();

export function isRoleTemplateKey(key: string): boolean {
  return key in ROLE_TEMPLATES || extraTemplates.has(key);
}

export function defineRoleTemplate(template: RoleTemplateDefinition): RoleTemplateDefinition {
  if (isRoleTemplateKey(template.key)) throw new Error(`A role template "${template.key}" is already defined`);
  extraTemplates.set(template.key, template);
  return template;
}

/** Every role template: the built-in ones, then those plugins added. */
export function allRoleTemplates(): RoleTemplateDefinition[] {
  return [
    ...Object.entries(ROLE_TEMPLATES).map(([key, t]) => ({ key, name: t.name, description: t.description })),
    ...extraTemplates.values(),
  ];
}

const NAME_PATTERN = /^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/;

const registry = new Map<string, PermissionDefinition>();

/** Which plugin defined a permission (core ones: none). */
const pluginOf = new Map<string, string>();

export function permissionPlugin(name: string): string | undefined {
  return pluginOf.get(name);
}

const DEFINITIONS = Symbol('pharmadesk.permissions');

/** A module's permissions: their names as constants, and the definitions its manifest registers. */
export type PermissionSet<N extends string = string> = { [K in N]: K } & { readonly [DEFINITIONS]: readonly PermissionDefinition[] };

/** Declares permissions (registered when the module that lists them in its manifest is installed). */
export function definePermissions<const T extends readonly PermissionDefinition[]>(definitions: T): PermissionSet<T[number]['name']> {
  const names = Object.fromEntries(definitions.map((d) => [d.name, d.name]));
  return Object.defineProperty(names, DEFINITIONS, { value: definitions, enumerable: false }) as PermissionSet<T[number]['name']>;
}

export function permissionDefinitions(set: PermissionSet): readonly PermissionDefinition[] {
  return set[DEFINITIONS];
}

/** Makes permissions known (module installation, the plugin host); the same definition twice is a no-op. */
export function registerPermissions(definitions: readonly PermissionDefinition[], plugin?: string): void {
  for (const definition of definitions) {
    if (!NAME_PATTERN.test(definition.name)) throw new Error(`Permission name "${definition.name}" must look like resource:action`);
    const existing = registry.get(definition.name);
    if (existing && existing !== definition) throw new Error(`Permission "${definition.name}" is defined twice`);
    registry.set(definition.name, definition);
    if (plugin) pluginOf.set(definition.name, plugin);
  }
}

export function allPermissions(): PermissionDefinition[] {
  return [...registry.values()].sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
}

export function isKnownPermission(name: string): boolean {
  return registry.has(name);
}

export function isHqOnlyPermission(name: string): boolean {
  return registry.get(name)?.hqOnly === true;
}

export function isQualification(name: string): boolean {
  return registry.get(name)?.qualification === true;
}

/** The permissions a template grants, from every registered definition (and a plugin template's own list). */
export function templatePermissions(template: TemplateKey): string[] {
  const own = new Set(extraTemplates.get(template)?.permissions ?? []);
  return allPermissions()
    .filter((p) => p.grantedTo?.includes(template) || own.has(p.name))
    .map((p) => p.name);
}
