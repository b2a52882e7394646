import { inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import type { TestApp } from '../support/app';
import type { Caller } from '../support/actors';
import { must } from '../inventory/support';

export const SURVEY = 'id version status channel sentAt answeredAt rating npsScore score suggestion answers { questionKey value choices text } templateVersion { id versionNo questions { key kind } }';

export interface SurveyRow {
  id: string;
  version: number;
  status: string;
  channel: string | null;
  rating: number | null;
  npsScore: number | null;
  score: number | null;
  templateVersion: { id: string; versionNo: number; questions: { key: string; kind: string }[] };
}

/**
 * A pending survey for a customer, written as a resolved case would (fixtures of known data
 * for the figures; the case path is covered in tests/cases/workflow.test.ts).
 */
export async function pendingSurvey(app: TestApp, row: { franchiseId: string; customerId: string; staffId: string | null; orgUnitId: string | null; templateVersionId?: string; createdAt?: string }): Promise<string> {
  return inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, async (em) => {
    const [inserted] = await em.execute<{ id: string }[]>(
      `insert into satisfaction_request (id, franchise_id, customer_id, source_kind, source_id, source_ref, staff_id, org_unit_id, status, template_version_id, version, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, 'case', gen_random_uuid(), 'TEST', ?, ?, 'PENDING', coalesce(?, '5a7d3c1e-0000-4000-8000-000000000002')::uuid, 1, coalesce(cast(? as timestamptz), now()), now()) returning id`,
      [row.franchiseId, row.customerId, row.staffId, row.orgUnitId, row.templateVersionId ?? null, row.createdAt ?? null],
    );
    return inserted!.id;
  });
}

export const sendSurvey = (caller: Caller, id: string, channel: string) =>
  must<{ sendSatisfactionRequest: SurveyRow }>(caller, `mutation($i: SendSatisfactionRequestInput!) { sendSatisfactionRequest(input: $i) { ${SURVEY} } }`, { i: { id, channel } }).then((d) => d.sendSatisfactionRequest);

export const answerSurvey = (caller: Caller, input: Record<string, unknown>) =>
  caller.graphql<{ recordSurveyAnswers: SurveyRow }>(`mutation($i: RecordSurveyAnswersInput!) { recordSurveyAnswers(input: $i) { ${SURVEY} } }`, { i: input });
