import { defineModule } from '../../core/modules/module';
import { ThirdPartySurveyProject, ThirdPartySurveyResult } from './project.entity';
import { surveyProjectEventTypes } from './project.events';
import { SurveyProjectPermission } from './project.permissions';
import { ThirdPartySurveyProjectResolver } from './project.resolver';

/**
 * Third-party survey projects (第三方调查): HQ records a firm's project (scope, stores, dates),
 * imports its results from CSV / XLSX (all or nothing, re-import replaces) and reviews the
 * report beside our own satisfaction figures.
 */
export const surveyProjectsModule = defineModule({
  name: 'survey-projects',
  entities: [ThirdPartySurveyProject, ThirdPartySurveyResult],
  resolvers: [ThirdPartySurveyProjectResolver],
  permissions: [SurveyProjectPermission],
  events: surveyProjectEventTypes,
});
