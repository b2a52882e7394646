import { caseResolvedHandlers } from '../cases/case-resolution';
import { customerMergeHandlers } from '../customers/customer-merge';
import { SatisfactionRequest } from './satisfaction-request.entity';
import { requestSatisfaction } from './survey.service';

/** A resolved case with a customer asks them for their satisfaction (a survey waiting to be sent). */
export const satisfactionOnCaseResolved = caseResolvedHandlers.contribute({
  name: 'satisfaction request',
  async resolved(ctx, record) {
    if (!record.customerId) return;
    await requestSatisfaction(ctx.em, { franchiseId: record.franchiseId, customerId: record.customerId, sourceKind: 'case', sourceId: record.id, sourceRef: record.caseNo, staffId: record.ownerId, orgUnitId: record.orgUnitId });
  },
});

/** A merged-away customer's surveys move to the archive that stays. */
export const satisfactionRequestsMergeHandler = customerMergeHandlers.contribute({
  name: 'satisfaction requests',
  move: (ctx, from, to) => ctx.em.nativeUpdate(SatisfactionRequest, { customerId: from.id }, { customerId: to.id }),
});
