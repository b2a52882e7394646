import { useTranslate } from '@refinedev/core';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select, type FormProps } from 'antd';
import dayjs from 'dayjs';
import { useEnumLabel } from '../../components/display';
import { OrgUnitPicker, StaffPicker } from '../../components/pickers';

const SOURCES = ['WALK_IN', 'PHONE', 'ONLINE', 'WECHAT', 'APP', 'REFERRAL', 'EVENT', 'PARTNER', 'OTHER'];

/** Dates travel as YYYY-MM-DD; the picker wants dayjs. */
const dateProps = {
  getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value?: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

/** Archive fields for create and edit; the API's field errors appear under each field. */
export function CustomerForm({ formProps, creating }: { formProps: FormProps; creating: boolean }) {
  const t = useTranslate();
  const label = useEnumLabel();
  return (
    <Form {...formProps} layout="vertical">
      <Row gutter={16}>
        <Col xs={24} md={8}><Form.Item name="name" label={t('customers.name')} rules={[{ required: true }]}><Input data-testid="customer-name" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="gender" label={t('customers.gender')}><Select allowClear options={['MALE', 'FEMALE', 'UNDISCLOSED'].map((v) => ({ value: v, label: label('Gender', v) }))} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="phone" label={t('customers.phone')} rules={[{ required: creating }]}><Input data-testid="customer-phone" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="birthDate" label={t('customers.birthDate')} {...dateProps}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
        {creating && <Col xs={24} md={8}><Form.Item name="age" label={t('customers.age')} dependencies={['birthDate']} rules={[({ getFieldValue }) => ({ validator: (_, v) => (v != null || getFieldValue('birthDate') ? Promise.resolve() : Promise.reject(new Error(t('customers.ageOrBirth')))) })]}><InputNumber min={0} max={130} style={{ width: '100%' }} /></Form.Item></Col>}
        <Col xs={24} md={8}><Form.Item name="email" label={t('customers.email')}><Input /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="orgUnitId" label={t('customers.orgUnit')} rules={[{ required: creating }]}><OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="doctorId" label={t('customers.doctor')} rules={[{ required: creating }]}><StaffPicker jobTitles={['DOCTOR', 'PHARMACIST']} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="healthManagerId" label={t('customers.healthManager')} rules={[{ required: creating }]}><StaffPicker jobTitles={['HEALTH_MANAGER']} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="sourceChannel" label={t('customers.sourceChannel')} rules={[{ required: creating }]}><Select options={SOURCES.map((v) => ({ value: v, label: label('SourceChannel', v) }))} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="memberCardNo" label={t('customers.memberCardNo')}><Input /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="idNumber" label={t('customers.idNumber')}><Input /></Form.Item></Col>
        <Col xs={24}><Form.Item name="address" label={t('customers.address')}><Input /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="tags" label={t('customers.tags')}><Select mode="tags" /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="allergies" label={t('customers.allergies')}><Select mode="tags" /></Form.Item></Col>
        <Col xs={24}><Form.Item name="medicalHistory" label={t('customers.medicalHistory')}><Input.TextArea rows={2} /></Form.Item></Col>
        <Col xs={24}><Form.Item name="specialNeeds" label={t('customers.specialNeeds')}><Input /></Form.Item></Col>
        <Col xs={24}><Form.Item name="note" label={t('customers.note')}><Input.TextArea rows={2} /></Form.Item></Col>
        <Form.Item name="version" hidden><Input /></Form.Item>
      </Row>
    </Form>
  );
}
