import path from 'node:path';
import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { must } from '../inventory/support';

jest.setTimeout(120_000);

// exceljs as the admin and the API have it (the tests package does not depend on it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ExcelJS = require(require.resolve('exceljs', { paths: [path.resolve(__dirname, '../../api')] }));

const PROJECT = 'id version name firm storeIds startDate endDate importedRows importedRespondents importedFileName';
const REPORT = `respondents averageScore ourAverageRating stores { storeId storeCode respondents averageScore ourRated ourAverageRating ourSatisfactionRate difference } questions { question respondents averageScore satisfiedShare }`;

interface Project {
  id: string;
  version: number;
  importedRows: number;
  importedRespondents: number;
}
interface ImportError {
  message: string;
  extensions: { code: string; row: number; column: string | null; errors: { row: number; column: string | null; message: string; messageZh: string }[] };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A workbook with the rows given (the first is the header), base64. */
async function xlsx(rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('结果');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/**
 * Third-party survey projects on known data: a March 2032 project over an east and a west
 * store; imports all or nothing with the bad row and column named (CSV and XLSX), a re-import
 * replacing the results, and the report beside our own figures for the same store and month.
 */
describe('third-party survey projects', () => {
  let app: TestApp;
  let hq: Caller;
  let owner: Caller;
  let project: Project;
  const stores: Record<string, string> = {};

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) => em.execute<T[]>(query, params));
  const importFile = (input: Record<string, unknown>) =>
    hq.graphql<{ importThirdPartySurveyResults: { rows: number; respondents: number; replacedRows: number; project: Project } }>(
      `mutation($i: ImportThirdPartySurveyResultsInput!) { importThirdPartySurveyResults(input: $i) { rows respondents replacedRows project { ${PROJECT} } } }`,
      { i: { projectId: project.id, version: project.version, ...input } },
    );
  const report = () => must<{ thirdPartySurveyReport: Record<string, unknown> & { stores: Record<string, unknown>[] } }>(hq, `query($id: ID!) { thirdPartySurveyReport(projectId: $id) { ${REPORT} } }`, { id: project.id }).then((d) => d.thirdPartySurveyReport);
  const resultRows = async () => Number((await sql<{ n: string }>('select count(*) as n from third_party_survey_result where project_id = ?', [project.id]))[0]!.n);

  beforeAll(async () => {
    app = await startTestApp();
    [hq, owner] = (await Promise.all(['admin@hq.demo', 'owner@east.demo'].map((e) => signIn(app, e)))) as unknown as [Caller, Caller];
    const units = await must<{ orgUnits: { nodes: { id: string; code: string | null; kind: string }[] } }>(hq, '{ orgUnits(paging: { limit: 200 }) { nodes { id code kind } } }');
    for (const u of units.orgUnits.nodes) if (u.code) stores[u.code] = u.id;
    // Our own surveys at SH-XH in March 2032 (no demo survey falls there): ratings 5, 4 and 2.
    const [east] = await sql<{ franchise_id: string; customer_id: string; version_id: string }>(
      `select u.franchise_id, (select c.id from customer c where c.franchise_id = u.franchise_id limit 1) as customer_id, (select v.id from survey_template_version v limit 1) as version_id from org_unit u where u.id = ?`,
      [stores['SH-XH']],
    );
    for (const rating of [5, 4, 2]) {
      await sql(
        `insert into satisfaction_request (id, franchise_id, customer_id, source_kind, source_id, source_ref, org_unit_id, status, template_version_id, channel, sent_at, answered_at, rating, answers, version, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, 'case', gen_random_uuid(), 'TEST', ?, 'ANSWERED', ?, 'PHONE', '2032-03-10T10:00:00+08:00', '2032-03-10T11:00:00+08:00', ?, '[]'::jsonb, 1, now(), now())`,
        [east!.franchise_id, east!.customer_id, stores['SH-XH'], east!.version_id, rating],
      );
    }
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  it('records a project of HQ’s over stores of both franchises, refusing bad dates and non-stores', async () => {
    const create = (input: Record<string, unknown>) => hq.graphql<{ createThirdPartySurveyProject: Project }>(`mutation($i: CreateThirdPartySurveyProjectInput!) { createThirdPartySurveyProject(input: $i) { ${PROJECT} } }`, { i: input });
    const base = { name: '2032 年 3 月神秘顾客', firm: '零点调查', scope: '神秘顾客暗访', storeIds: [stores['SH-XH'], stores['CD-JJ']], startDate: '2032-03-01', endDate: '2032-03-31' };
    const backwards = await create({ ...base, endDate: '2032-02-01' });
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(backwards.body.errors![0]!.extensions!.field).toBe('endDate');
    expect(errorCodes(await create({ ...base, storeIds: [stores['SH-HC']] }))).toEqual(['NOT_FOUND']);
    const created = await create(base);
    expect(created.body.errors).toBeUndefined();
    project = created.body.data!.createThirdPartySurveyProject;
    expect(project).toMatchObject({ version: 1, importedRows: 0, importedRespondents: 0 });
    // HQ's alone: a franchise owner has no such permission.
    expect(errorCodes(await owner.graphql('{ thirdPartySurveyProjects { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await owner.graphql('query($id: ID!) { thirdPartySurveyReport(projectId: $id) { respondents } }', { id: project.id }))).toEqual(['FORBIDDEN']);
  });

  const GOOD_CSV = [
    'store_code,date,question,score,count',
    'SH-XH,2032-03-05,服务态度,4.5,10',
    'SH-XH,2032-03-05,等候时间,3,10',
    'CD-JJ,2032-03-06,服务态度,5,1',
    'CD-JJ,2032-03-06,服务态度,3,1',
    '"CD-JJ",2032-03-07,"等候时间",2,',
  ].join('\r\n');

  it('imports nothing from a CSV with a bad row, naming the row and the column in Chinese and English', async () => {
    const bad = await importFile({ fileName: 'march.csv', contentBase64: b64(GOOD_CSV.replace('SH-XH,2032-03-05,等候时间,3,10', 'SH-XH,2032-03-05,等候时间,7,10')) });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const error = bad.body.errors![0] as unknown as ImportError;
    expect(error.extensions).toMatchObject({ row: 3, column: 'score' });
    expect(error.message).toContain('第 3 行「score」列');
    expect(error.message).toContain('Row 3, column score');
    // An unknown store and a date outside the project: every problem listed, the first one named.
    const two = await importFile({ fileName: 'march.csv', contentBase64: b64(`${GOOD_CSV}\r\nNO-SUCH,2032-03-05,服务态度,4,1\r\nSH-XH,2032-04-01,服务态度,4,1`) });
    const listed = (two.body.errors![0] as unknown as ImportError).extensions;
    expect(listed).toMatchObject({ row: 7, column: 'store_code' });
    expect(listed.errors.map((e) => [e.row, e.column])).toEqual([[7, 'store_code'], [8, 'date']]);
    // A missing column is row 1's problem.
    const headless = await importFile({ fileName: 'march.csv', contentBase64: b64('store_code,date,question\r\nSH-XH,2032-03-05,服务态度') });
    expect((headless.body.errors![0] as unknown as ImportError).extensions).toMatchObject({ row: 1, column: 'score' });
    expect(await resultRows()).toBe(0);
    expect((await report()).respondents).toBe(0);
  });

  it('imports a good CSV and reports per store and question beside our own figures; the same file again replaces, not doubles', async () => {
    const first = await importFile({ fileName: 'march.csv', contentBase64: b64(GOOD_CSV) });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.importThirdPartySurveyResults).toMatchObject({ rows: 5, respondents: 23, replacedRows: 0, project: { importedRows: 5, importedRespondents: 23, importedFileName: 'march.csv', version: 2 } });
    project = first.body.data!.importThirdPartySurveyResults.project;
    const r = await report();
    // SH-XH (45 + 30) / 20 = 3.75 against our 5, 4, 2 (mean 3.67, 2 of 3 satisfied); CD-JJ (5 + 3 + 2) / 3, none of ours.
    expect(r).toMatchObject({ respondents: 23, averageScore: 3.7, ourAverageRating: 3.67 });
    expect(r.stores).toEqual([
      { storeId: stores['CD-JJ'], storeCode: 'CD-JJ', respondents: 3, averageScore: 3.33, ourRated: 0, ourAverageRating: null, ourSatisfactionRate: null, difference: null },
      { storeId: stores['SH-XH'], storeCode: 'SH-XH', respondents: 20, averageScore: 3.75, ourRated: 3, ourAverageRating: 3.67, ourSatisfactionRate: 0.6667, difference: 0.08 },
    ]);
    // Lowest first: 等候时间 (30 + 2) / 11, nobody at 4+; 服务态度 (45 + 5 + 3) / 12, 11 of 12 at 4+.
    expect(r.questions).toEqual([
      { question: '等候时间', respondents: 11, averageScore: 2.91, satisfiedShare: 0 },
      { question: '服务态度', respondents: 12, averageScore: 4.42, satisfiedShare: 0.9167 },
    ]);

    const again = await importFile({ fileName: 'march.csv', contentBase64: b64(GOOD_CSV) });
    expect(again.body.data!.importThirdPartySurveyResults).toMatchObject({ rows: 5, respondents: 23, replacedRows: 5 });
    project = again.body.data!.importThirdPartySurveyResults.project;
    expect(await resultRows()).toBe(5);
    expect((await report()).respondents).toBe(23);
    // A stale version is a conflict.
    expect(errorCodes(await importFile({ fileName: 'march.csv', contentBase64: b64(GOOD_CSV), version: 1 }))).toEqual(['CONFLICT']);
  });

  it('imports XLSX the same way: a bad row leaves the previous results, a good file replaces them', async () => {
    const header = ['门店编码', '日期', '问题', '得分', '人数'];
    const bad = await importFile({ fileName: 'march.xlsx', contentBase64: await xlsx([header, ['SH-XH', new Date('2032-03-05T00:00:00Z'), '服务态度', 4, 2], ['CD-JJ', new Date('2032-04-02T00:00:00Z'), '服务态度', 3, 1]]) });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect((bad.body.errors![0] as unknown as ImportError).extensions).toMatchObject({ row: 3, column: 'date' });
    expect(await resultRows()).toBe(5);
    const good = await importFile({ fileName: 'march.xlsx', contentBase64: await xlsx([header, ['SH-XH', new Date('2032-03-05T00:00:00Z'), '服务态度', 4, 2], ['CD-JJ', '2032-03-06', '服务态度', 3, 1]]) });
    expect(good.body.errors).toBeUndefined();
    expect(good.body.data!.importThirdPartySurveyResults).toMatchObject({ rows: 2, respondents: 3, replacedRows: 5 });
    project = good.body.data!.importThirdPartySurveyResults.project;
    expect(await resultRows()).toBe(2);
    const r = await report();
    expect(r).toMatchObject({ respondents: 3, averageScore: 3.67 });
  });

  it('refuses a file over the size limit and says the limit', async () => {
    const big = await importFile({ fileName: 'big.csv', contentBase64: Buffer.alloc(512 * 1024 + 10, 'a').toString('base64') });
    expect(errorCodes(big)).toEqual(['BAD_USER_INPUT']);
    expect(big.body.errors![0]!.message).toContain('512 KB');
    const notXlsx = await importFile({ fileName: 'x.xlsx', contentBase64: b64('not a workbook') });
    expect(errorCodes(notXlsx)).toEqual(['BAD_USER_INPUT']);
  });
});
