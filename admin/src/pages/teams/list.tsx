import { List } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { OrgUnitPicker } from '../../components/pickers';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import type { Connection } from '../../types';

interface Team { id: string; version: number; name: string; orgUnitId: string; leaderId: string | null; memberIds: string[] }
interface TeamForm { name: string; orgUnitId: string; leaderId?: string | null; memberIds: string[] }

/** The kinds of unit a team works under (the API refuses others). */
const TEAM_UNITS = ['STORE', 'BRANCH_CENTER', 'DEPARTMENT'];

/**
 * 班组管理 (/teams): the teams (班组) in your part of the organisation by store, branch center or
 * department, with their leader and members; those allowed (org:manage) form and edit them. Someone
 * else's edit meanwhile is a version conflict: said so, and the list reloaded.
 */
export function TeamList() {
  const t = useTranslate();
  const { message, notification } = App.useApp();
  const { can } = useMe();
  const editable = can('org:manage');
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>();
  const { data, isFetching, refetch } = useGql<{ teams: Team[] }>('Teams', { orgUnitId: orgUnitId ?? null });
  const units = useGql<{ orgUnits: Connection<{ id: string; name: string }> }>('OrgUnitList', { filter: { kind: { in: TEAM_UNITS } }, paging: { limit: 200 } });
  const staff = useGql<{ staffUsers: Connection<{ id: string; displayName: string; status: string }> }>('StaffList', { paging: { limit: 200 }, sorting: [{ field: 'displayName', direction: 'ASC' }] });
  const unitName = useMemo(() => new Map((units.data?.orgUnits.nodes ?? []).map((u) => [u.id, u.name])), [units.data]);
  const staffName = useMemo(() => new Map((staff.data?.staffUsers.nodes ?? []).map((s) => [s.id, s.displayName])), [staff.data]);
  const staffOptions = (staff.data?.staffUsers.nodes ?? []).filter((s) => s.status === 'ACTIVE').map((s) => ({ value: s.id, label: s.displayName }));
  const teams = [...(data?.teams ?? [])].sort((a, b) => (unitName.get(a.orgUnitId) ?? '').localeCompare(unitName.get(b.orgUnitId) ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));

  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TeamForm>();
  const members = Form.useWatch('memberIds', form) ?? [];

  const open = (team: Team | 'new') => {
    setEditing(team);
    form.resetFields();
    if (team !== 'new') form.setFieldsValue({ name: team.name, orgUnitId: team.orgUnitId, leaderId: team.leaderId, memberIds: team.memberIds });
    else form.setFieldsValue({ orgUnitId: orgUnitId, memberIds: [] });
  };
  const save = async (values: TeamForm) => {
    if (!editing) return;
    setBusy(true);
    const leaderId = values.leaderId && values.memberIds.includes(values.leaderId) ? values.leaderId : null;
    try {
      if (editing === 'new') await request('CreateTeam', { team: { name: values.name, orgUnitId: values.orgUnitId, leaderId, memberIds: values.memberIds } });
      else await request('UpdateTeam', { input: { id: editing.id, version: editing.version, update: { name: values.name, leaderId, memberIds: values.memberIds } } });
      message.success(t(editing === 'new' ? 'teams.created' : 'teams.saved'));
      setConflict(null);
      setEditing(null);
    } catch (error) {
      const api = error as ApiError;
      const field = (api.extensions as { field?: string }).field;
      if (api.code === 'CONFLICT' && field === 'name') form.setFields([{ name: 'name', errors: [t('teams.nameTaken')] }]);
      else if (api.code === 'CONFLICT' && editing !== 'new') {
        setConflict(editing.name);
        setEditing(null);
      } else notification.error({ message: t('errors.codes.UNKNOWN'), description: errorText(api, t) });
    } finally {
      setBusy(false);
      await refetch();
    }
  };

  return (
    <List
      title={t('teams.title')}
      headerButtons={editable ? <Button type="primary" icon={<PlusOutlined />} data-testid="team-create" onClick={() => open('new')}>{t('teams.create')}</Button> : undefined}
    >
      <Typography.Paragraph type="secondary">{t('teams.help')}</Typography.Paragraph>
      {conflict && <Alert type="warning" showIcon closable style={{ marginBottom: 12 }} data-testid="team-conflict" message={t('teams.conflict', { name: conflict })} onClose={() => setConflict(null)} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <div style={{ width: 240 }} data-testid="team-unit-filter"><OrgUnitPicker kinds={TEAM_UNITS} placeholder={t('teams.orgUnit')} value={orgUnitId} onChange={(v) => setOrgUnitId(v ?? undefined)} /></div>
      </Space>
      <Table<Team> rowKey="id" size="middle" loading={isFetching} dataSource={teams} pagination={false} data-testid="team-table" locale={{ emptyText: t('teams.empty') }}
        onRow={(r) => ({ 'data-testid': 'team-row', 'data-id': r.id } as never)}>
        <Table.Column<Team> key="orgUnit" title={t('teams.orgUnit')} render={(_, r) => unitName.get(r.orgUnitId) ?? '—'} />
        <Table.Column<Team> dataIndex="name" title={t('teams.name')} />
        <Table.Column<Team> key="leader" title={t('teams.leader')} render={(_, r) => (r.leaderId ? staffName.get(r.leaderId) ?? '—' : '—')} />
        <Table.Column<Team> key="members" title={t('teams.members')}
          render={(_, r) => (r.memberIds.length ? <Space wrap size={4}>{r.memberIds.map((m) => <Tag key={m}>{staffName.get(m) ?? '—'}</Tag>)}</Space> : t('teams.noMembers'))} />
        <Table.Column<Team> key="count" title={t('teams.memberCount')} align="right" render={(_, r) => r.memberIds.length} />
        {editable && <Table.Column<Team> key="actions" title={t('table.actions')} render={(_, r) => <Button size="small" icon={<EditOutlined />} data-testid="team-edit" onClick={() => open(r)}>{t('teams.edit')}</Button>} />}
      </Table>
      <Modal open={!!editing} title={editing === 'new' ? t('teams.create') : editing ? `${t('teams.edit')} · ${editing.name}` : ''} onCancel={() => setEditing(null)} confirmLoading={busy}
        okText={t('teams.save')} cancelText={t('teams.cancel')} okButtonProps={{ 'data-testid': 'team-save' } as never} onOk={() => void form.validateFields().then(save)} destroyOnClose>
        <Form form={form} layout="vertical" data-testid="team-form">
          <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true, message: t('teams.nameRequired') }, { max: 60 }]}><Input data-testid="team-name" /></Form.Item>
          <Form.Item name="orgUnitId" label={t('teams.orgUnit')} rules={[{ required: true, message: t('teams.orgUnitRequired') }]} extra={editing !== 'new' ? t('teams.orgUnitFixed') : undefined}>
            {editing === 'new' ? <OrgUnitPicker kinds={TEAM_UNITS} /> : <Select disabled options={editing ? [{ value: editing.orgUnitId, label: unitName.get(editing.orgUnitId) ?? '—' }] : []} />}
          </Form.Item>
          <Form.Item name="memberIds" label={t('teams.members')} extra={t('teams.membersHelp')}>
            <Select mode="multiple" showSearch optionFilterProp="label" loading={staff.isFetching} options={staffOptions} data-testid="team-members" />
          </Form.Item>
          <Form.Item name="leaderId" label={t('teams.leader')} extra={t('teams.leaderHelp')}>
            <Select allowClear options={staffOptions.filter((s) => members.includes(s.value))} data-testid="team-leader" />
          </Form.Item>
        </Form>
      </Modal>
    </List>
  );
}
