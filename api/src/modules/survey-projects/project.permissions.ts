import { definePermissions } from '../../core/auth/permissions';

export const SurveyProjectPermission = definePermissions([
  {
    name: 'survey:projects',
    group: 'Surveys',
    description: 'HQ: record third-party survey projects, import the firms’ results and review their reports.',
    grantedTo: ['hq_admin'],
  },
] as const);

export const QuarterlySurveyPermission = definePermissions([
  {
    name: 'quarterly:manage',
    group: 'Surveys',
    description: 'HQ: open and close the quarterly surveys of franchises and partner organizations, see their results.',
    grantedTo: ['hq_admin'],
  },
  {
    name: 'quarterly:answer',
    group: 'Surveys',
    description: 'Answer one’s organization’s quarterly questionnaire (owners of franchises and partner organizations).',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
] as const);
