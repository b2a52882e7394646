import { definePlugin } from '@pharmadesk/api';
import { RefundApproval } from './refund-approval.entity';
import { CaseRefundApprovalsResolver, RefundApprovalResolver } from './refund-approval.resolver';
import { APPROVE, complaintRefundApproval, returnRefundApproval } from './refund-approval.workflow';
import { Migration20261122150000_refund_approval } from './migrations/Migration20261122150000_refund_approval';

export { RefundApproval, RefundApprovalStatus } from './refund-approval.entity';
export { needsApproval, returnNeedsApproval, AWAITING_APPROVAL, REFUND_REJECTED } from './refund-approval.workflow';

/**
 * refund-approval: a complaint's refund or compensation above the franchise's threshold
 * goes to AWAITING_REFUND_APPROVAL instead of SOLUTION_PROPOSED; a holder of
 * refund:approve (not the proposer) approves it on to SOLUTION_PROPOSED or rejects it
 * back to INVESTIGATING with a reason. At or below the threshold nothing changes. The same
 * threshold applies to real refunds of returns: an inspected refund above it waits in
 * AWAITING_REFUND_APPROVAL until another holder of refund:approve approves or rejects it.
 */
export default definePlugin({
  name: 'refund-approval',
  version: '0.1.0',
  description: 'Refunds and compensation above a franchise-set amount need approval by a holder of refund:approve.',
  compatibility: '^0.1.0',
  optionsSchema: {
    threshold: { type: 'number', required: true, min: 0, max: 1_000_000, description: 'Refunds and compensation above this amount (yuan) need approval' },
  },
  permissions: [
    { name: APPROVE, group: 'Cases', description: 'Approve or reject refunds and compensation above the franchise’s threshold (refund-approval plugin).', grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'] },
  ],
  workflows: [complaintRefundApproval, returnRefundApproval],
  schema: { entities: [RefundApproval], resolvers: [RefundApprovalResolver, CaseRefundApprovalsResolver] },
  migrations: [{ name: 'Migration20261122150000_refund_approval', class: Migration20261122150000_refund_approval }],
  admin: { module: 'plugins/refund-approval/admin', description: 'Refund approvals page' },
});
