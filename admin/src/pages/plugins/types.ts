/** Shapes of InstalledPlugins (schema/operations/plugins.graphql). */
export interface PluginOption {
  name: string;
  type: 'number' | 'integer' | 'string' | 'boolean' | 'enum' | string;
  description: string;
  required: boolean;
  default: unknown;
  min: number | null;
  max: number | null;
  values: string[] | null;
}

export interface Enablement {
  id: string;
  franchiseId: string;
  plugin: string;
  enabled: boolean;
  options: Record<string, unknown>;
  ownerMayManage: boolean;
  updatedAt: string;
  version: number;
}

export interface InstalledPlugin {
  name: string;
  version: string;
  description: string;
  compatibility: string;
  options: PluginOption[];
  enablements: Enablement[];
}
