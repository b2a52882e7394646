import { useGetLocale, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Dropdown, Empty, Form, Input, Row, Select, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../components/display';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { percent } from '../../percent';
import { dayjs } from '../../time';
import type { Connection } from '../../types';
import { exportRows, type ExportColumn } from '../orders/export';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface ThirdPartyProject {
  id: string; version: number; name: string; firm: string; scope: string | null; storeIds: string[]; startDate: string; endDate: string; notes: string | null;
  importedAt: string | null; importedFileName: string | null; importedRows: number; importedRespondents: number; createdAt: string;
}
interface StoreFigure { storeId: string; storeCode: string | null; storeName: string; respondents: number; averageScore: number | null; ourRated: number; ourAverageRating: number | null; ourSatisfactionRate: number | null; difference: number | null }
interface QuestionFigure { question: string; respondents: number; averageScore: number | null; satisfiedShare: number | null }
interface Report { project: ThirdPartyProject; respondents: number; averageScore: number | null; ourAverageRating: number | null; stores: StoreFigure[]; questions: QuestionFigure[] }
interface Store { id: string; name: string; code: string | null }
/** One problem of a refused import, as the API lists it (row 0: the file as a whole). */
interface ImportProblem { row: number; column: string | null; message: string; messageZh: string }

/** The import file's columns, in the order of the template (the API also takes the English names). */
const IMPORT_COLUMNS = ['store_code', 'date', 'question', 'score', 'count'] as const;
const score = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(2));
const signed = (v: number | null | undefined) => (v == null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);

/** The stores a project can survey (any franchise's; HQ sees them all). */
function useStores() {
  const { data, isFetching } = useGql<{ orgUnits: Connection<Store> }>('OrgUnitList', { filter: { kind: { eq: 'STORE' } }, paging: { limit: 200 }, sorting: [{ field: 'code', direction: 'ASC' }] });
  return { stores: data?.orgUnits.nodes ?? [], loading: isFetching };
}

/** The project form (create, or edit with the version read). */
function ProjectDrawer({ project, open, onClose, onSaved }: { project: ThirdPartyProject | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useTranslate();
  const [form] = Form.useForm();
  const { stores, loading } = useStores();
  const create = useGqlMutation<{ createThirdPartySurveyProject: ThirdPartyProject }>('CreateThirdPartySurveyProject', { success: 'thirdParty.created' });
  const update = useGqlMutation<{ updateThirdPartySurveyProject: ThirdPartyProject }>('UpdateThirdPartySurveyProject', { success: 'thirdParty.saved' });
  const submit = async () => {
    const v = (await form.validateFields()) as { name: string; firm: string; scope?: string; storeIds: string[]; dates: [Dayjs, Dayjs]; notes?: string };
    const fields = { name: v.name.trim(), firm: v.firm.trim(), scope: v.scope?.trim() || null, storeIds: v.storeIds, startDate: v.dates[0].format('YYYY-MM-DD'), endDate: v.dates[1].format('YYYY-MM-DD'), notes: v.notes?.trim() || null };
    const done = project ? await update.run({ input: { id: project.id, version: project.version, ...fields } }) : await create.run({ input: fields });
    if (done) onSaved();
  };
  const initial = project ? { ...project, dates: [dayjs(project.startDate), dayjs(project.endDate)] } : { storeIds: [] };
  return (
    <Drawer open={open} width={520} title={project ? t('thirdParty.edit') : t('thirdParty.create')} onClose={onClose} destroyOnClose
      extra={<Button type="primary" loading={create.loading || update.loading} onClick={() => void submit()} data-testid="project-submit">{t('buttons.save')}</Button>}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="name" label={t('thirdParty.name')} rules={[{ required: true, whitespace: true, message: t('thirdParty.nameRequired') }]}>
          <Input maxLength={200} data-testid="project-name" />
        </Form.Item>
        <Form.Item name="firm" label={t('thirdParty.firm')} rules={[{ required: true, whitespace: true, message: t('thirdParty.firmRequired') }]}>
          <Input maxLength={200} data-testid="project-firm" />
        </Form.Item>
        <Form.Item name="scope" label={t('thirdParty.scope')} extra={t('thirdParty.scopeHelp')}>
          <Input maxLength={500} data-testid="project-scope" />
        </Form.Item>
        <Form.Item name="storeIds" label={t('thirdParty.stores')} rules={[{ required: true, message: t('thirdParty.storesRequired') }]} extra={t('thirdParty.storesHelp')}>
          <Select mode="multiple" showSearch loading={loading} optionFilterProp="label" data-testid="project-stores"
            options={stores.map((s) => ({ value: s.id, label: s.code ? `${s.code} · ${s.name}` : s.name }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('thirdParty.dates')} rules={[{ required: true, message: t('thirdParty.datesRequired') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="project-dates" />
        </Form.Item>
        <Form.Item name="notes" label={t('thirdParty.notes')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="project-notes" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/**
 * 第三方调查 (/surveys/third-party, HQ): the survey firms' projects (firm, scope, stores, dates,
 * what was last imported); record or edit one, open its report to import results.
 */
export function ThirdPartyProjects() {
  const t = useTranslate();
  const projects = useGql<{ thirdPartySurveyProjects: Connection<ThirdPartyProject> }>('ThirdPartySurveyProjects', { paging: { limit: 100 } });
  const [editing, setEditing] = useState<{ project: ThirdPartyProject | null } | null>(null);
  return (
    <Card title={t('thirdParty.projects')} data-testid="third-party-projects"
      extra={<Button type="primary" onClick={() => setEditing({ project: null })} data-testid="project-new">{t('thirdParty.create')}</Button>}>
      <Typography.Paragraph type="secondary">{t('thirdParty.projectsHelp')}</Typography.Paragraph>
      <Table<ThirdPartyProject> rowKey="id" size="middle" loading={projects.isFetching} pagination={false} dataSource={projects.data?.thirdPartySurveyProjects.nodes ?? []}
        onRow={(p) => ({ 'data-testid': 'project-row', 'data-id': p.id } as never)}>
        <Table.Column<ThirdPartyProject> key="name" title={t('thirdParty.name')} render={(_, p) => <Link to={`/surveys/third-party/${p.id}`} data-testid="project-report">{p.name}</Link>} />
        <Table.Column<ThirdPartyProject> dataIndex="firm" title={t('thirdParty.firm')} />
        <Table.Column<ThirdPartyProject> key="dates" title={t('thirdParty.dates')} render={(_, p) => `${p.startDate} ~ ${p.endDate}`} />
        <Table.Column<ThirdPartyProject> key="stores" title={t('thirdParty.storeCount')} align="right" render={(_, p) => p.storeIds.length} />
        <Table.Column<ThirdPartyProject> key="imported" title={t('thirdParty.imported')} render={(_, p) => (p.importedAt
          ? <span data-testid="project-imported">{t('thirdParty.importedSummary', { rows: p.importedRows, respondents: p.importedRespondents })}</span>
          : <Typography.Text type="secondary">{t('thirdParty.notImported')}</Typography.Text>)} />
        <Table.Column<ThirdPartyProject> key="actions" title={t('thirdParty.actions')} render={(_, p) => (
          <Space>
            <Link to={`/surveys/third-party/${p.id}`}>{t('thirdParty.report')}</Link>
            <Button size="small" onClick={() => setEditing({ project: p })} data-testid="project-edit">{t('buttons.edit')}</Button>
          </Space>
        )} />
      </Table>
      <ProjectDrawer project={editing?.project ?? null} open={!!editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void projects.refetch(); }} />
    </Card>
  );
}

/** Reads a picked file as base64 (without the data-URL prefix). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The import card: the template (the project's stores and dates filled in as an example), the
 * upload (CSV or Excel; replaces the previous results), and a refused file's problems by row and
 * column in the panel's language (nothing was imported).
 */
function ImportResults({ project, stores, onImported }: { project: ThirdPartyProject; stores: StoreFigure[]; onImported: () => void }) {
  const t = useTranslate();
  const { message, notification } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ file: string; problems: ImportProblem[]; total: number } | null>(null);
  const english = useGetLocale()() === 'en';
  const columns: ExportColumn<(string | number)[]>[] = IMPORT_COLUMNS.map((key, i) => ({ title: t(`thirdParty.columns.${key}`), value: (row) => row[i] }));
  const example = stores.slice(0, 3).map((s) => [s.storeCode ?? '', project.startDate, t('thirdParty.exampleQuestion'), 4.5, 20]);
  const upload = async (file: File) => {
    setBusy(true);
    setRefused(null);
    try {
      const contentBase64 = await base64Of(file);
      const { importThirdPartySurveyResults: done } = await request<{ importThirdPartySurveyResults: { rows: number; respondents: number; replacedRows: number } }>('ImportThirdPartySurveyResults', {
        input: { projectId: project.id, version: project.version, fileName: file.name, contentBase64 },
      });
      message.success(t('thirdParty.importDone', { rows: done.rows, respondents: done.respondents, replaced: done.replacedRows }));
      onImported();
    } catch (error) {
      const api = error as ApiError;
      const problems = (api.extensions?.errors as ImportProblem[] | undefined) ?? [];
      if (api.reason === 'IMPORT_INVALID' && problems.length) setRefused({ file: file.name, problems, total: Number(api.extensions.errorCount ?? problems.length) });
      else notification.error({ message: t('thirdParty.importFailed'), description: errorText(api, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('thirdParty.import')} style={{ marginBottom: 16 }} data-testid="project-import">
      <Typography.Paragraph type="secondary">{t('thirdParty.importHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="import-upload">{t('thirdParty.importButton')}</Button>
        </Upload>
        <Dropdown menu={{ items: [{ key: 'csv', label: t('surveys.exportCsv') }, { key: 'xlsx', label: t('surveys.exportXlsx') }], onClick: ({ key }) => void exportRows(key as 'csv' | 'xlsx', t('thirdParty.templateName'), columns, example) }}>
          <Button icon={<DownloadOutlined />} data-testid="import-template">{t('thirdParty.template')}</Button>
        </Dropdown>
        {project.importedAt && (
          <Typography.Text type="secondary" data-testid="import-last">
            {t('thirdParty.lastImport', { file: project.importedFileName ?? '', rows: project.importedRows, respondents: project.importedRespondents })} <DateTime value={project.importedAt} />
          </Typography.Text>
        )}
      </Space>
      {refused && (
        <Alert type="error" showIcon data-testid="import-refused" message={t('thirdParty.importRefused', { file: refused.file, count: refused.total })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {refused.problems.map((p, i) => (
                <li key={i} data-testid="import-problem" data-row={p.row} data-column={p.column ?? ''}>
                  {p.row ? t('thirdParty.problemAt', { row: p.row, column: p.column ? t(`thirdParty.columns.${p.column}`) : '—' }) : t('thirdParty.problemFile')}
                  {english ? p.message : p.messageZh}
                </li>
              ))}
            </ul>
          } />
      )}
    </Card>
  );
}

/**
 * A project's report (/surveys/third-party/:id): the firm's mean score beside our own satisfaction
 * figures for the same stores and dates, per store (ECharts bars) and per question (lowest first);
 * both tables export as CSV or Excel from the rows on screen; the firm's results import here.
 */
export function ThirdPartyReport() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { id } = useParams();
  const { data, isFetching, refetch } = useGql<{ thirdPartySurveyReport: Report }>('ThirdPartySurveyReport', { projectId: id });
  const report = data?.thirdPartySurveyReport;
  if (!report) return <Card loading={isFetching} title={t('thirdParty.report')} />;
  const { project, stores, questions } = report;
  const storeColumns: ExportColumn<StoreFigure>[] = [
    { title: t('thirdParty.storeCode'), value: (s) => s.storeCode ?? '' },
    { title: t('thirdParty.store'), value: (s) => s.storeName },
    { title: t('thirdParty.respondents'), value: (s) => s.respondents },
    { title: t('thirdParty.firmScore'), value: (s) => score(s.averageScore) },
    { title: t('thirdParty.ourRated'), value: (s) => s.ourRated },
    { title: t('thirdParty.ourRating'), value: (s) => score(s.ourAverageRating) },
    { title: t('thirdParty.ourSatisfaction'), value: (s) => percent(s.ourSatisfactionRate) },
    { title: t('thirdParty.difference'), value: (s) => signed(s.difference) },
  ];
  const questionColumns: ExportColumn<QuestionFigure>[] = [
    { title: t('thirdParty.question'), value: (q) => q.question },
    { title: t('thirdParty.respondents'), value: (q) => q.respondents },
    { title: t('thirdParty.firmScore'), value: (q) => score(q.averageScore) },
    { title: t('thirdParty.satisfiedShare'), value: (q) => percent(q.satisfiedShare) },
  ];
  const exportMenu = <T,>(name: string, columns: ExportColumn<T>[], rows: T[], testId: string) => (
    <Dropdown menu={{ items: [{ key: 'csv', label: t('surveys.exportCsv') }, { key: 'xlsx', label: t('surveys.exportXlsx') }], onClick: ({ key }) => void exportRows(key as 'csv' | 'xlsx', `${project.name}-${name}`, columns, rows).then(() => message.success(t('surveys.exported', { count: rows.length }))) }}>
      <Button size="small" icon={<DownloadOutlined />} data-testid={testId}>{t('surveys.export')}</Button>
    </Dropdown>
  );
  const firm = stores.map((s) => s.averageScore);
  const ours = stores.map((s) => s.ourAverageRating);
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: stores.map((s) => s.storeName), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 5 },
    series: [
      { name: t('thirdParty.firmScore'), type: 'bar', color: '#fa8c16', data: firm },
      { name: t('thirdParty.ourRating'), type: 'bar', color: '#1677ff', data: ours },
    ],
  };
  return (
    <Card title={`${project.name} · ${t('thirdParty.report')}`} data-testid="third-party-report" extra={<Link to="/surveys/third-party">{t('thirdParty.back')}</Link>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('thirdParty.firm')}>{project.firm}</Descriptions.Item>
        <Descriptions.Item label={t('thirdParty.dates')}>{`${project.startDate} ~ ${project.endDate}`}</Descriptions.Item>
        <Descriptions.Item label={t('thirdParty.storeCount')}>{project.storeIds.length}</Descriptions.Item>
        {project.scope && <Descriptions.Item label={t('thirdParty.scope')} span={3}>{project.scope}</Descriptions.Item>}
        {project.notes && <Descriptions.Item label={t('thirdParty.notes')} span={3}>{project.notes}</Descriptions.Item>}
      </Descriptions>
      <ImportResults project={project} stores={stores} onImported={() => void refetch()} />
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="report-totals">
        <Col xs={12} md={8}><Statistic title={t('thirdParty.respondents')} value={report.respondents} /></Col>
        <Col xs={12} md={8}><Statistic title={t('thirdParty.firmScore')} value={score(report.averageScore)} /></Col>
        <Col xs={12} md={8}><Statistic title={t('thirdParty.ourRating')} value={score(report.ourAverageRating)} /></Col>
      </Row>
      <Card size="small" title={t('thirdParty.byStore')} style={{ marginBottom: 16 }} extra={exportMenu(t('thirdParty.byStore'), storeColumns, stores, 'stores-export')}>
        {report.respondents ? (
          <div data-testid="report-chart" data-firm={JSON.stringify(firm)} data-ours={JSON.stringify(ours)}>
            <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280 }} />
          </div>
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('thirdParty.noResults')} />}
        <Table<StoreFigure> rowKey="storeId" size="small" pagination={false} dataSource={stores} scroll={{ x: 'max-content' }}
          onRow={(s) => ({ 'data-testid': 'store-row', 'data-code': s.storeCode ?? '' } as never)}>
          {storeColumns.map((c, i) => <Table.Column<StoreFigure> key={i} title={c.title} align={i >= 2 ? 'right' : undefined} render={(_, s) => c.value(s)} />)}
        </Table>
      </Card>
      <Card size="small" title={t('thirdParty.byQuestion')} extra={exportMenu(t('thirdParty.byQuestion'), questionColumns, questions, 'questions-export')}>
        <Table<QuestionFigure> rowKey="question" size="small" pagination={false} dataSource={questions} onRow={(q) => ({ 'data-testid': 'question-row', 'data-question': q.question } as never)}>
          {questionColumns.map((c, i) => <Table.Column<QuestionFigure> key={i} title={c.title} align={i >= 1 ? 'right' : undefined} render={(_, q) => c.value(q)} />)}
        </Table>
      </Card>
    </Card>
  );
}
