import { useTranslate } from '@refinedev/core';
import { Card, Checkbox, Col, Form, Input, Row, Tooltip } from 'antd';
import { usePermissionCatalog, type PermissionDefinition } from '../../components/permissions';
import { useMe } from '../../hooks/use-me';


/** Permissions grouped as the API documents them; only ones you hold can be granted (no escalation), and professional qualifications by those who manage staff or roles. */
function PermissionChecklist({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const catalog = usePermissionCatalog();
  const { me } = useMe();
  const mayQualify = !!me && (me.permissions.includes('staff:manage') || me.permissions.includes('role:manage'));
  const grantable = (p: PermissionDefinition) => !!me?.permissions.includes(p.name) || (p.qualification && mayQualify);
  const groups = new Map<string, PermissionDefinition[]>();
  for (const p of catalog.list) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        {[...groups.entries()].map(([group, permissions]) => (
          <Col xs={24} md={12} xl={8} key={group}>
            <Card size="small" title={catalog.group(group)}>
              {permissions.map((p) => (
                <div key={p.name}>
                  <Tooltip title={<>{catalog.description(p)}<br /><span data-lang-neutral>{p.name}</span></>}>
                    <Checkbox value={p.name} disabled={!grantable(p)} data-permission={p.name}>{catalog.name(p.name)}</Checkbox>
                  </Tooltip>
                </div>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </Checkbox.Group>
  );
}

export const ROLE_FIELDS = ['name', 'description', 'permissions'];

export function RoleFields() {
  const t = useTranslate();
  return (
    <>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input /></Form.Item>
      <Form.Item name="description" label={t('common.description')}><Input /></Form.Item>
      <Form.Item name="permissions" label={t('admin.permissions')} rules={[{ required: true }]}><PermissionChecklist /></Form.Item>
    </>
  );
}
