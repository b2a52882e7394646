import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Input, InputNumber, List, Select, Space, Table, Tabs, Tag, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { OrgUnitPicker } from '../../components/pickers';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { dayjs } from '../../time';
import { useZone } from './shared';

interface Doctor {
  id: string;
  displayName: string;
  gender: string | null;
  phone: string | null;
  photoUrl: string | null;
  employment: string | null;
  region: string | null;
  specialties: string[];
  yearsOfPractice: number | null;
  introduction: string | null;
  orgUnit: { id: string; name: string } | null;
}

interface Period { start: string; end: string }
interface Schedule { id: string; version: number; storeId: string; slotMinutes: number; weeklyHours: { weekday: number; periods: Period[] }[]; breaks: Period[] }
interface Exception { id: string; storeId: string | null; kind: string; fromDate: string; toDate: string; reason: string | null; periods: Period[] }
interface Profile {
  id: string;
  version: number;
  verificationStatus: string;
  verificationNote: string | null;
  verifiedAt: string | null;
  qualifications: { name: string; number: string | null; issuedBy: string | null; issuedOn: string | null; url: string | null }[];
  trainingHistory: { title: string; completedOn: string | null; provider: string | null }[];
  caseStudies: { title: string; summary: string; url: string | null }[];
}

const VERIFICATION_COLORS: Record<string, string> = { PENDING: 'orange', VERIFIED: 'green', REJECTED: 'red', SUSPENDED: 'default' };

/** The doctor directory (医生与排班): who they are, HQ's verification, and each doctor's profile and schedule in a drawer. */
export function DoctorDirectory() {
  const t = useTranslate();
  const { data, isFetching } = useGql<{ staffUsers: { nodes: Doctor[] } }>('DoctorList', { paging: { limit: 200 } });
  const [open, setOpen] = useState<Doctor | null>(null);
  return (
    <Card title={t('appointments.doctors')}>
      <Typography.Paragraph type="secondary">{t('appointments.directoryHelp')}</Typography.Paragraph>
      <Table<Doctor> rowKey="id" size="middle" loading={isFetching} dataSource={data?.staffUsers.nodes ?? []} pagination={false} data-testid="doctor-table" onRow={(d) => ({ onClick: () => setOpen(d) })}>
        <Table.Column<Doctor> dataIndex="displayName" title={t('appointments.doctor')} className="pd-nowrap" />
        <Table.Column<Doctor> key="unit" title={t('appointments.store')} render={(_, d) => d.orgUnit?.name ?? '—'} />
        <Table.Column<Doctor> dataIndex="specialties" title={t('appointments.specialties')} render={(v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>)} />
        <Table.Column<Doctor> dataIndex="yearsOfPractice" title={t('appointments.years')} align="right" render={(v: number | null) => v ?? '—'} />
        <Table.Column<Doctor> dataIndex="employment" title={t('appointments.employment')} render={(v: string | null) => (v ? t(`enums.Employment.${v}`, v) : '—')} />
        <Table.Column<Doctor> key="verification" title={t('appointments.verification')} render={(_, d) => <VerificationTag doctorId={d.id} />} />
        <Table.Column<Doctor> key="open" render={(_, d) => <Button size="small" onClick={() => setOpen(d)} data-testid="doctor-open">{t('appointments.open')}</Button>} />
      </Table>
      <Drawer open={!!open} width={720} title={open?.displayName} onClose={() => setOpen(null)} destroyOnHidden data-testid="doctor-drawer">
        {open && (
          <Tabs
            items={[
              { key: 'profile', label: t('appointments.profile'), children: <DoctorProfile doctor={open} /> },
              { key: 'schedule', label: t('appointments.schedule'), children: <ScheduleEditor doctor={open} /> },
            ]}
          />
        )}
      </Drawer>
    </Card>
  );
}

function useProfile(doctorId: string) {
  return useGql<{ practitionerProfile: Profile; doctorSchedules: Schedule[]; scheduleExceptions: Exception[] }>('DoctorProfile', { doctorId });
}

function VerificationTag({ doctorId }: { doctorId: string }) {
  const t = useTranslate();
  const { data } = useProfile(doctorId);
  const status = data?.practitionerProfile.verificationStatus;
  return status ? <Tag color={VERIFICATION_COLORS[status]} data-testid="verification-status">{t(`enums.VerificationStatus.${status}`)}</Tag> : null;
}

function DoctorProfile({ doctor }: { doctor: Doctor }) {
  const t = useTranslate();
  const { can } = useMe();
  const { format } = useZone();
  const { data, refetch } = useProfile(doctor.id);
  const [note, setNote] = useState('');
  const verify = useGqlMutation('VerifyPractitioner', { success: 'appointments.verified' });
  const profile = data?.practitionerProfile;
  const decide = async (status: string) => {
    if (await verify.run({ input: { doctorId: doctor.id, status, note: note.trim() || null } })) void refetch();
  };
  return (
    <>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('appointments.gender')}>{doctor.gender ? t(`enums.Gender.${doctor.gender}`, doctor.gender) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('appointments.phone')}>{doctor.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('appointments.employment')}>{doctor.employment ? t(`enums.Employment.${doctor.employment}`, doctor.employment) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('appointments.region')}>{doctor.region ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('appointments.years')}>{doctor.yearsOfPractice ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('appointments.specialties')}>{doctor.specialties.join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('appointments.introduction')} span={2}>{doctor.introduction ?? '—'}</Descriptions.Item>
      </Descriptions>
      {profile && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('appointments.verification')}</Typography.Title>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space>
              <Tag color={VERIFICATION_COLORS[profile.verificationStatus]} data-testid="profile-verification">{t(`enums.VerificationStatus.${profile.verificationStatus}`)}</Tag>
              {profile.verifiedAt && <Typography.Text type="secondary">{format(profile.verifiedAt)}</Typography.Text>}
              {profile.verificationNote && <Typography.Text>{profile.verificationNote}</Typography.Text>}
            </Space>
            {can('practitioner:verify') && (
              <Space.Compact style={{ width: '100%' }}>
                <Input placeholder={t('appointments.verificationNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
                <Button type="primary" loading={verify.loading} onClick={() => void decide('VERIFIED')} data-testid="verify-doctor">{t('appointments.verify')}</Button>
                <Button danger loading={verify.loading} onClick={() => void decide('REJECTED')}>{t('appointments.reject')}</Button>
                <Button loading={verify.loading} onClick={() => void decide('SUSPENDED')}>{t('appointments.suspend')}</Button>
              </Space.Compact>
            )}
          </Space>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('appointments.qualifications')}</Typography.Title>
          <Table size="small" rowKey={(q) => `${q.name}-${q.number ?? ''}`} pagination={false} dataSource={profile.qualifications} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}>
            <Table.Column key="name" dataIndex="name" title={t('appointments.qualifications')} />
            <Table.Column key="number" dataIndex="number" title={t('appointments.certificateNo')} render={(v: string | null) => v ?? '—'} />
            <Table.Column key="issuedBy" dataIndex="issuedBy" title={t('appointments.issuedBy')} render={(v: string | null) => v ?? '—'} />
            <Table.Column key="issuedOn" dataIndex="issuedOn" title={t('appointments.issuedOn')} render={(v: string | null) => v ?? '—'} />
            <Table.Column key="url" dataIndex="url" title={t('appointments.certificate')} render={(v: string | null) => (v ? <a href={v} target="_blank" rel="noreferrer">{t('appointments.open')}</a> : '—')} />
          </Table>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('appointments.training')}</Typography.Title>
          <List size="small" dataSource={profile.trainingHistory} renderItem={(r) => <List.Item>{r.title}{r.provider ? ` · ${r.provider}` : ''}{r.completedOn ? ` · ${r.completedOn}` : ''}</List.Item>} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('appointments.caseStudies')}</Typography.Title>
          <List size="small" dataSource={profile.caseStudies} renderItem={(c) => <List.Item><List.Item.Meta title={c.title} description={c.summary} /></List.Item>} />
        </>
      )}
    </>
  );
}

const HHMM = 'HH:mm';

/** Periods of a day as time ranges to add, change or remove. */
function PeriodsEditor({ periods, onChange, disabled }: { periods: Period[]; onChange: (p: Period[]) => void; disabled: boolean }) {
  const t = useTranslate();
  return (
    <Space wrap>
      {periods.map((p, i) => (
        <Space.Compact key={i}>
          <TimePicker.RangePicker format={HHMM} minuteStep={5} disabled={disabled} allowClear={false} value={[dayjs(`2000-01-01T${p.start}`), dayjs(`2000-01-01T${p.end}`)]}
            onChange={(v) => v?.[0] && v[1] && onChange(periods.map((x, j) => (j === i ? { start: v[0]!.format(HHMM), end: v[1]!.format(HHMM) } : x)))} />
          {!disabled && <Button icon={<DeleteOutlined />} aria-label={t('appointments.remove')} onClick={() => onChange(periods.filter((_, j) => j !== i))} />}
        </Space.Compact>
      ))}
      {!disabled && <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...periods, { start: '09:00', end: '12:00' }])}>{t('appointments.addPeriod')}</Button>}
      {!periods.length && <Typography.Text type="secondary">{t('appointments.off')}</Typography.Text>}
    </Space>
  );
}

/** A doctor's weekly hours, breaks and slot interval at a store, and their leave / one-off hours (schedule:manage edits). */
function ScheduleEditor({ doctor }: { doctor: Doctor }) {
  const t = useTranslate();
  const { can } = useMe();
  const { message } = App.useApp();
  const editable = can('schedule:manage');
  const { data, refetch } = useProfile(doctor.id);
  const [storeId, setStoreId] = useState<string | undefined>(doctor.orgUnit?.id);
  const existing = data?.doctorSchedules.find((s) => s.storeId === storeId);
  const [week, setWeek] = useState<Period[][]>(() => Array.from({ length: 7 }, () => []));
  const [breaks, setBreaks] = useState<Period[]>([]);
  const [slotMinutes, setSlotMinutes] = useState(30);
  useEffect(() => {
    setWeek(Array.from({ length: 7 }, (_, d) => existing?.weeklyHours.find((w) => w.weekday === d)?.periods.map(({ start, end }) => ({ start, end })) ?? []));
    setBreaks(existing?.breaks.map(({ start, end }) => ({ start, end })) ?? []);
    setSlotMinutes(existing?.slotMinutes ?? 30);
  }, [existing?.id, existing?.version, storeId]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = useGqlMutation('SetDoctorSchedule', { success: 'appointments.scheduleSaved' });
  const add = useGqlMutation('AddScheduleException', { success: 'appointments.scheduleSaved' });
  const remove = useGqlMutation('RemoveScheduleException');
  const blank = { kind: 'LEAVE', reason: '', allStores: true, hours: [{ start: '09:00', end: '12:00' }] };
  const [exception, setException] = useState<{ kind: string; range?: [string, string]; reason: string; allStores: boolean; hours: Period[] }>(blank);

  const submit = async () => {
    if (!storeId) return;
    const weeklyHours = week.map((periods, weekday) => ({ weekday, periods })).filter((d) => d.periods.length);
    if (await save.run({ input: { doctorId: doctor.id, storeId, version: existing?.version ?? null, weeklyHours, breaks, slotMinutes } })) void refetch();
  };
  const addException = async () => {
    if (!exception.range) return;
    const done = await add.run({ input: { doctorId: doctor.id, storeId: exception.allStores ? null : storeId, kind: exception.kind, fromDate: exception.range[0], toDate: exception.range[1], periods: exception.kind === 'HOURS' ? exception.hours : [], reason: exception.reason.trim() || null } });
    if (done) {
      setException(blank);
      void refetch();
    }
  };
  const dropException = async (id: string) => {
    if (await remove.run({ id })) {
      message.success(t('appointments.removed'));
      void refetch();
    }
  };
  const weekdays = [1, 2, 3, 4, 5, 6, 0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="schedule-editor">
      <div style={{ width: 240 }}><OrgUnitPicker kinds={['STORE', 'BRANCH_CENTER']} placeholder={t('appointments.pickStore')} value={storeId} onChange={setStoreId} /></div>
      {!storeId ? (
        <Alert type="info" message={t('appointments.pickStore')} />
      ) : (
        <>
          <Typography.Title level={5}>{t('appointments.weeklyHours')}</Typography.Title>
          {weekdays.map((d) => (
            <Space key={d} align="start" data-testid="schedule-day" data-weekday={d}>
              <Typography.Text style={{ display: 'inline-block', width: 48 }}>{t(`appointments.weekdays.${d}`)}</Typography.Text>
              <PeriodsEditor periods={week[d]!} disabled={!editable} onChange={(p) => setWeek((w) => w.map((x, i) => (i === d ? p : x)))} />
            </Space>
          ))}
          <Typography.Title level={5}>{t('appointments.breaks')}</Typography.Title>
          <PeriodsEditor periods={breaks} disabled={!editable} onChange={setBreaks} />
          <Space>
            <Typography.Text>{t('appointments.slotMinutes')}</Typography.Text>
            <InputNumber min={5} max={240} step={5} value={slotMinutes} disabled={!editable} onChange={(v) => setSlotMinutes(v ?? 30)} />
          </Space>
          {editable && <Button type="primary" loading={save.loading} onClick={() => void submit()} data-testid="save-schedule">{t('appointments.saveSchedule')}</Button>}
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('appointments.exceptions')}</Typography.Title>
      <Table<Exception> size="small" rowKey="id" pagination={false} dataSource={data?.scheduleExceptions ?? []}>
        <Table.Column<Exception> dataIndex="kind" title={t('appointments.exceptionKind')} render={(v: string) => t(`enums.ScheduleExceptionKind.${v}`)} />
        <Table.Column<Exception> key="dates" title={t('appointments.date')} render={(_, e) => (e.fromDate === e.toDate ? e.fromDate : `${e.fromDate} ~ ${e.toDate}`)} />
        <Table.Column<Exception> key="hours" title={t('appointments.time')} render={(_, e) => e.periods.map((p) => `${p.start}–${p.end}`).join('、') || '—'} />
        <Table.Column<Exception> dataIndex="reason" title={t('appointments.reason')} render={(v: string | null) => v ?? '—'} />
        {editable && <Table.Column<Exception> key="remove" render={(_, e) => <Button size="small" danger icon={<DeleteOutlined />} onClick={() => void dropException(e.id)}>{t('appointments.remove')}</Button>} />}
      </Table>
      {editable && (
        <Space wrap>
          <Select style={{ width: 120 }} value={exception.kind} onChange={(kind) => setException((e) => ({ ...e, kind }))} options={['LEAVE', 'HOURS'].map((k) => ({ value: k, label: t(`enums.ScheduleExceptionKind.${k}`) }))} />
          <DatePicker.RangePicker value={exception.range ? [dayjs(exception.range[0]), dayjs(exception.range[1])] : null}
            onChange={(v) => setException((e) => ({ ...e, range: v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : undefined }))} />
          <Select style={{ width: 130 }} value={exception.allStores ? 'all' : 'this'} onChange={(v) => setException((e) => ({ ...e, allStores: v === 'all' }))}
            options={[{ value: 'all', label: t('appointments.allStores') }, { value: 'this', label: t('appointments.store') }]} />
          {exception.kind === 'HOURS' && <PeriodsEditor periods={exception.hours} disabled={false} onChange={(hours) => setException((e) => ({ ...e, hours }))} />}
          <Input style={{ width: 200 }} placeholder={t('appointments.reason')} value={exception.reason} onChange={(e) => setException((x) => ({ ...x, reason: e.target.value }))} maxLength={500} />
          <Button icon={<PlusOutlined />} loading={add.loading} disabled={!exception.range} onClick={() => void addException()}>{t('appointments.addException')}</Button>
        </Space>
      )}
    </Space>
  );
}
