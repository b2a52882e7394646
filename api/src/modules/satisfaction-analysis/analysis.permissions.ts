import { definePermissions } from '../../core/auth/permissions';

export const AnalysisPermission = definePermissions([
  {
    name: 'analysis:read',
    group: 'Surveys',
    description: 'See the satisfaction analyses and the improvement actions of one’s scope (an owner always sees their own actions).',
    grantedTo: ['supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'analysis:write',
    group: 'Surveys',
    description: 'Write satisfaction analyses (findings, graded problems), set improvement actions, verify and close them, tune the review thresholds.',
    grantedTo: ['supervisor', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'improvement:update',
    group: 'Surveys',
    description: 'Report progress on one’s own improvement actions (notes, evidence, done).',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
] as const);
