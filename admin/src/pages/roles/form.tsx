import { useTranslate } from '@refinedev/core';
import { Card, Checkbox, Col, Form, Input, Row, Tooltip } from 'antd';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';

interface PermissionDefinition {
  name: string;
  group: string;
  description: string;
  hqOnly: boolean;
}

/** Permissions grouped as the API documents them; only ones you hold can be granted (no escalation). */
function PermissionChecklist({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { data } = useGql<{ permissions: PermissionDefinition[] }>('PermissionList');
  const { me } = useMe();
  const groups = new Map<string, PermissionDefinition[]>();
  for (const p of data?.permissions ?? []) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        {[...groups.entries()].map(([group, permissions]) => (
          <Col xs={24} md={12} xl={8} key={group}>
            <Card size="small" title={group}>
              {permissions.map((p) => (
                <div key={p.name}>
                  <Tooltip title={p.description}>
                    <Checkbox value={p.name} disabled={!me?.permissions.includes(p.name)}>{p.name}</Checkbox>
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
