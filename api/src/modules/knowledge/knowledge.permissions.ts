import { definePermissions } from '../../core/auth/permissions';

export const KnowledgePermission = definePermissions([
  {
    name: 'knowledge:read',
    group: 'Knowledge base',
    description: 'Read and search knowledge articles: HQ’s shared ones and one’s own franchise’s (FAQ, medication guides, answer scripts, how-tos).',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'consulting', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin', 'qa_analyst'],
  },
  {
    name: 'knowledge:write',
    group: 'Knowledge base',
    description: 'Write, publish and archive one’s franchise’s knowledge articles (HQ: shared articles for every franchise too).',
    grantedTo: ['pharmacist', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
] as const);
