import { Case, CaseStage, ForbiddenError, isPluginEnabled, requireActor, SlaStatus, type RequestContext } from '@pharmadesk/api';

export const VIP_QUEUE = 'vip';
const OPEN = [CaseStage.NEW, CaseStage.OPEN, CaseStage.PENDING_CUSTOMER];

export interface VipOverview {
  openCases: number;
  unassignedCases: number;
  warningCases: number;
  breachedCases: number;
  nextDueAt: Date | null;
}

/** The VIP queue at a glance for the dashboard: open VIP cases in the caller's scope. */
export async function vipOverview(ctx: RequestContext): Promise<VipOverview> {
  const actor = requireActor(ctx);
  if (!actor.isHq && !(await isPluginEnabled(ctx.em, actor.franchiseId, 'vip-care'))) throw new ForbiddenError('The vip-care plugin is not enabled for your franchise');
  const open = await ctx.em.find(Case, { queue: VIP_QUEUE, stage: { $in: OPEN } }, { fields: ['ownerId', 'slaStatus', 'slaDueAt'], orderBy: { slaDueAt: 'asc' }, limit: 5000 });
  const due = open.map((c) => c.slaDueAt).filter((d): d is Date => !!d);
  return {
    openCases: open.length,
    unassignedCases: open.filter((c) => !c.ownerId).length,
    warningCases: open.filter((c) => c.slaStatus === SlaStatus.WARNING).length,
    breachedCases: open.filter((c) => c.slaStatus === SlaStatus.BREACHED).length,
    nextDueAt: due[0] ?? null,
  };
}
