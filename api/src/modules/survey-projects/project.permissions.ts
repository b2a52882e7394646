import { definePermissions } from '../../core/auth/permissions';

export const SurveyProjectPermission = definePermissions([
  {
    name: 'survey:projects',
    group: 'Surveys',
    description: 'HQ: record third-party survey projects, import the firms’ results and review their reports.',
    grantedTo: ['hq_admin'],
  },
] as const);
