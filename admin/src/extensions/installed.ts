import pharmacistReview from '../../../plugins/pharmacist-review/admin';
import refundApproval from '../../../plugins/refund-approval/admin';
import vipCare from '../../../plugins/vip-care/admin';
import type { AdminExtension } from './types';

/**
 * Admin extensions of installed plugins. Add one import per plugin package, e.g.
 *   import loyalty from '../../../plugins/loyalty/admin';
 * and list it below. The panel shows an extension only where `me { enabledPlugins }` names it.
 */
export const installedAdminExtensions: AdminExtension[] = [refundApproval, pharmacistReview, vipCare];
