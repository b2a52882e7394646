import { useTranslate } from '@refinedev/core';
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEnumLabel } from '../../components/display';
import { enumOptions } from '../../components/crud';

const dateProps = { getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }), normalize: (v?: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : undefined) };
export const FRANCHISE_FIELDS = ['name', 'address', 'phone', 'ownerName', 'ownerPhone', 'cooperationType', 'contractDate', 'contractEndDate', 'projects', 'timeZone'];

/** A franchise and its contract (HQ only). */
export function FranchiseFields({ creating }: { creating: boolean }) {
  const t = useTranslate();
  const label = useEnumLabel();
  return (
    <>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input /></Form.Item>
      {creating && <Form.Item name="code" label={t('admin.code')}><Input /></Form.Item>}
      <Form.Item name="ownerName" label={t('admin.ownerName')} rules={[{ required: creating }]}><Input /></Form.Item>
      <Form.Item name="ownerPhone" label={t('admin.ownerPhone')} rules={[{ required: creating }]}><Input /></Form.Item>
      <Form.Item name="cooperationType" label={t('admin.cooperationType')} rules={[{ required: creating }]}><Select options={enumOptions(label, 'CooperationType', ['DIRECT', 'FRANCHISE', 'JOINT_VENTURE', 'PARTNER'])} /></Form.Item>
      <Form.Item name="contractDate" label={t('admin.contractDate')} rules={[{ required: creating }]} {...dateProps}><DatePicker /></Form.Item>
      <Form.Item name="contractEndDate" label={t('admin.contractEndDate')} {...dateProps}><DatePicker /></Form.Item>
      <Form.Item name="projects" label={t('admin.projects')}><Select mode="tags" /></Form.Item>
      <Form.Item name="phone" label={t('admin.phone')}><Input /></Form.Item>
      <Form.Item name="address" label={t('admin.address')}><Input /></Form.Item>
      <Form.Item name="timeZone" label={t('admin.timeZone')}><Input placeholder="Asia/Shanghai" /></Form.Item>
    </>
  );
}
