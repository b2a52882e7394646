import type { Caller } from '../support/actors';

export const CASE_FIELDS = 'id caseNo version state stage ownerId escalationLevel slaStatus slaDueAt customerId franchiseId';

export interface CaseRow {
  id: string;
  caseNo: string;
  version: number;
  state: string;
  stage: string;
  ownerId: string | null;
  escalationLevel: string;
  slaStatus: string;
  slaDueAt: string | null;
  customerId: string | null;
  franchiseId: string;
}

/** Opens a case as `caller` (a complaint by phone unless told otherwise). */
export async function openCase(caller: Caller, input: Record<string, unknown> = {}): Promise<CaseRow> {
  const res = await caller.graphql<{ createOneCase: CaseRow }>(`mutation($c: CaseInput!) { createOneCase(input: { case: $c }) { ${CASE_FIELDS} } }`, {
    c: { type: 'COMPLAINT', channel: 'PHONE', subject: '药品破损', description: '收到的药盒破损，药片受潮', category: 'DELIVERY_DAMAGED', ...input },
  });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data!.createOneCase;
}

const INPUT_TYPES: Record<string, string> = {
  acceptCase: 'CaseActionInput',
  startCaseInvestigation: 'CaseActionInput',
  requestCustomerConfirmation: 'CaseActionInput',
  closeCase: 'CaseActionInput',
  proposeSolution: 'ProposeSolutionInput',
  resolveCase: 'ResolveCaseInput',
  reopenCase: 'ReasonedCaseActionInput',
  cancelCase: 'ReasonedCaseActionInput',
  requestCustomerInfo: 'RequestCaseInfoInput',
  answerCase: 'AnswerCaseInput',
  transitionCase: 'TransitionCaseInput',
  transferCase: 'TransferCaseInput',
  escalateCase: 'EscalateCaseInput',
  referCaseToExpert: 'ReferCaseInput',
  assignCase: 'AssignCaseInput',
  updateOneCase: 'UpdateOneCaseInput',
};

/** Runs a case mutation taking `input`; returns the case, or the errors and their codes. */
export async function caseAction(caller: Caller, mutation: string, input: Record<string, unknown>) {
  const inputType = INPUT_TYPES[mutation];
  if (!inputType) throw new Error(`no input type known for ${mutation}`);
  const res = await caller.graphql<Record<string, CaseRow>>(`mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${CASE_FIELDS} } }`, { i: input });
  return { data: res.body.data?.[mutation], errors: res.body.errors, codes: (res.body.errors ?? []).map((e) => e.extensions?.code) };
}

type WsLike = { subscribe: (payload: { query: string; variables?: Record<string, unknown> }, sink: { next: (v: unknown) => void; error: (e: unknown) => void; complete: () => void }) => () => void };

/** Collects the subscription's results that pass `keep` until `count` arrived (or rejects after the timeout). */
export function collectFromSubscription<T>(client: WsLike, payload: { query: string; variables?: Record<string, unknown> }, count: number, keep: (result: T) => boolean, timeoutMs = 15_000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const results: T[] = [];
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`subscription gave ${results.length} of ${count} results in ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = client.subscribe(payload, {
      next: (value) => {
        if (!keep(value as T)) return;
        results.push(value as T);
        if (results.length === count) {
          clearTimeout(timer);
          stop();
          resolve(results);
        }
      },
      error: (error) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
      },
      complete: () => undefined,
    });
  });
}
