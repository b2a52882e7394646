import { useTranslate } from '@refinedev/core';
import { Form, Input, InputNumber, Select } from 'antd';
import { enumOptions } from '../../components/crud';
import { useEnumLabel } from '../../components/display';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql } from '../../hooks/use-gql';
import { usePermissionCatalog, useRoleOffer, type RoleLike } from '../../components/permissions';
import type { Connection } from '../../types';

export const STAFF_FIELDS = ['displayName', 'jobTitle', 'orgUnitId', 'phone', 'gender', 'employment', 'region', 'specialties', 'yearsOfPractice', 'introduction'];
const JOB_TITLES = ['AGENT', 'SUPERVISOR', 'HEALTH_MANAGER', 'PHARMACIST', 'DOCTOR', 'CONSULTANT', 'STORE_DIRECTOR', 'FRANCHISE_OWNER', 'QA_ANALYST', 'OTHER'];

export function RolePicker(props: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { data } = useGql<{ roles: Connection<RoleLike & { id: string }> }>('RoleList', { paging: { limit: 200 } });
  const catalog = usePermissionCatalog();
  const offered = useRoleOffer();
  const roles = (data?.roles.nodes ?? []).filter((r) => offered(r) || props.value?.includes(r.id));
  return <Select mode="multiple" {...props} data-testid="role-picker" optionFilterProp="label" options={roles.map((r) => ({ value: r.id, label: catalog.roleName(r) }))} />;
}

/** A staff member's profile; roles on create (afterwards with setStaffRoles). */
export function StaffFields({ creating }: { creating: boolean }) {
  const t = useTranslate();
  const label = useEnumLabel();
  return (
    <>
      <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true }]}><Input /></Form.Item>
      {creating && <Form.Item name="email" label={t('admin.email')} rules={[{ required: true, type: 'email' }]}><Input /></Form.Item>}
      {creating && <Form.Item name="password" label={t('admin.password')} rules={[{ required: true, min: 10 }]}><Input.Password /></Form.Item>}
      <Form.Item name="jobTitle" label={t('admin.jobTitle')} rules={[{ required: true }]}><Select options={enumOptions(label, 'JobTitle', JOB_TITLES)} /></Form.Item>
      <Form.Item name="orgUnitId" label={t('customers.orgUnit')} rules={[{ required: true }]}><OrgUnitPicker /></Form.Item>
      <Form.Item name="roleIds" label={t('admin.roles')}><RolePicker /></Form.Item>
      <Form.Item name="phone" label={t('admin.phone')}><Input /></Form.Item>
      <Form.Item name="gender" label={t('customers.gender')}><Select allowClear options={enumOptions(label, 'Gender', ['MALE', 'FEMALE', 'UNDISCLOSED'])} /></Form.Item>
      <Form.Item name="specialties" label={t('admin.specialties')}><Select mode="tags" /></Form.Item>
      <Form.Item name="yearsOfPractice" label={t('admin.yearsOfPractice')}><InputNumber min={0} /></Form.Item>
      <Form.Item name="introduction" label={t('common.description')}><Input.TextArea rows={2} /></Form.Item>
    </>
  );
}
