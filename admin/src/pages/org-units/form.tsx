import { useTranslate } from '@refinedev/core';
import { Form, Input, Select } from 'antd';
import { enumOptions } from '../../components/crud';
import { useEnumLabel } from '../../components/display';
import { OrgUnitPicker } from '../../components/pickers';

export const ORG_UNIT_FIELDS = ['name', 'code', 'phone', 'address', 'status'];

/** A store, branch center or department under a unit in your scope. */
export function OrgUnitFields({ creating }: { creating: boolean }) {
  const t = useTranslate();
  const label = useEnumLabel();
  return (
    <>
      {creating && <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}><Select options={enumOptions(label, 'OrgUnitKind', ['STORE', 'BRANCH_CENTER', 'DEPARTMENT'])} /></Form.Item>}
      {creating && <Form.Item name="parentId" label={t('admin.parent')} rules={[{ required: true }]}><OrgUnitPicker /></Form.Item>}
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input /></Form.Item>
      <Form.Item name="code" label={t('admin.code')}><Input /></Form.Item>
      <Form.Item name="phone" label={t('admin.phone')}><Input /></Form.Item>
      <Form.Item name="address" label={t('admin.address')}><Input /></Form.Item>
      {!creating && <Form.Item name="status" label={t('common.status')}><Select options={enumOptions(label, 'OrgUnitStatus', ['ACTIVE', 'SUSPENDED', 'CLOSED'])} /></Form.Item>}
    </>
  );
}
