import type { RequestContext } from '../../core/context';
import { defineExtensionPoint } from '../../core/modules/module';
import type { Case } from './case.entity';

/**
 * What other modules do, in the same transaction, when a case is resolved (the surveys module
 * asks the customer for their satisfaction). Contributed in their manifests.
 */
export interface CaseResolvedHandler {
  name: string;
  resolved(ctx: RequestContext, record: Case): Promise<void>;
}

export const caseResolvedHandlers = defineExtensionPoint<CaseResolvedHandler>('cases.resolved-handlers');
