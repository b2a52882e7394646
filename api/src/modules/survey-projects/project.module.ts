import { defineModule } from '../../core/modules/module';
import { ThirdPartySurveyProject, ThirdPartySurveyResult } from './project.entity';
import { quarterlySurveyEventTypes, surveyProjectEventTypes } from './project.events';
import { QuarterlySurveyPermission, SurveyProjectPermission } from './project.permissions';
import { QuarterlySurveyResponse, QuarterlySurveyRound } from './quarterly.entity';
import { quarterlyReminderJob } from './quarterly.jobs';
import { QuarterlySurveyResolver } from './quarterly.resolver';
import { ThirdPartySurveyProjectResolver } from './project.resolver';

/**
 * Quarterly surveys of franchises and partner organizations (季度调查): HQ opens a round of an HQ
 * template, each owner answers once, HQ reads the results beside the previous quarter.
 * Third-party survey projects (第三方调查): HQ records a firm's project (scope, stores, dates),
 * imports its results from CSV / XLSX (all or nothing, re-import replaces) and reviews the
 * report beside our own satisfaction figures. Owners who have not answered an open round are
 * reminded before it closes (quarterly.jobs.ts).
 */
export const surveyProjectsModule = defineModule({
  name: 'survey-projects',
  entities: [ThirdPartySurveyProject, ThirdPartySurveyResult, QuarterlySurveyRound, QuarterlySurveyResponse],
  resolvers: [ThirdPartySurveyProjectResolver, QuarterlySurveyResolver],
  permissions: [SurveyProjectPermission, QuarterlySurveyPermission],
  events: [...surveyProjectEventTypes, ...quarterlySurveyEventTypes],
  jobs: [quarterlyReminderJob],
});
