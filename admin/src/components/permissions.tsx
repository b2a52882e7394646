import { Tag, Tooltip } from 'antd';
import { useGql } from '../hooks/use-gql';
import { useMe } from '../hooks/use-me';
import { useLocalized } from './display';

export interface PermissionDefinition {
  name: string;
  group: string;
  description: string;
  hqOnly: boolean;
  /** A professional qualification: grantable in roles by whoever manages staff or roles. */
  qualification: boolean;
}

export interface RoleLike {
  name: string;
  description?: string | null;
  templateKey?: string | null;
  permissions: string[];
}

/** Permissions, their groups and role templates in the panel's language (codes stay in tooltips; plugins add theirs through their admin translations). */
export function usePermissionCatalog() {
  const { data } = useGql<{ permissions: PermissionDefinition[] }>('PermissionList');
  const text = useLocalized();
  const list = data?.permissions ?? [];
  const hqOnly = new Set(list.filter((p) => p.hqOnly).map((p) => p.name));
  return {
    list,
    name: (code: string) => text(`permissions.${code}.name`, list.find((p) => p.name === code)?.description ?? code),
    description: (p: PermissionDefinition) => text(`permissions.${p.name}.description`, p.description),
    group: (group: string) => text(`permissionGroups.${group}`, group),
    roleName: (role: RoleLike) => text(role.templateKey ? `roleTemplates.${role.templateKey}.name` : undefined, role.name),
    roleDescription: (role: RoleLike) => text(role.templateKey ? `roleTemplates.${role.templateKey}.description` : undefined, role.description),
    /** A role holding an HQ-only permission is offered to HQ only. */
    isHqRole: (role: RoleLike) => role.permissions.some((p) => hqOnly.has(p)),
  };
}

export function PermissionTags({ codes }: { codes: string[] }) {
  const catalog = usePermissionCatalog();
  return <>{codes.map((code) => <Tooltip key={code} title={code}><Tag style={{ marginBottom: 2 }} data-permission={code}>{catalog.name(code)}</Tag></Tooltip>)}</>;
}

/** Whether the signed-in user may be offered a role (franchise users are not offered HQ templates). */
export function useRoleOffer() {
  const { me } = useMe();
  const catalog = usePermissionCatalog();
  return (role: RoleLike) => !!me?.scope.isHq || !catalog.isHqRole(role);
}
