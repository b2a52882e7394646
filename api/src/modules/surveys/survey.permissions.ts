import { definePermissions } from '../../core/auth/permissions';

export const SurveyPermission = definePermissions([
  {
    name: 'survey:read',
    group: 'Surveys',
    description: 'See survey templates and the surveys sent to customers with their answers.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'survey:answer',
    group: 'Surveys',
    description: 'Send a survey to a customer and record their answers (by phone, in store).',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'survey:template',
    group: 'Surveys',
    description: 'Write survey templates: the franchise’s own, or HQ’s shared ones at HQ.',
    grantedTo: ['supervisor', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'survey:report',
    group: 'Surveys',
    description: 'See the satisfaction figures (satisfaction, dissatisfaction, NPS and response rates) of one’s part of the organisation.',
    grantedTo: ['supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'callback:work',
    group: 'Surveys',
    description: 'Work the callback desk: see the callbacks of one’s scope, record answers and outcomes, raise cases from calls.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'callback:rules',
    group: 'Surveys',
    description: 'Enable, tune and add the franchise’s callback rules.',
    grantedTo: ['supervisor', 'franchise_owner', 'hq_admin'],
  },
] as const);
