import { defineModule } from '../../core/modules/module';
import { SatisfactionRequest } from './satisfaction-request.entity';
import { SurveyTemplate, SurveyTemplateVersion } from './survey-template.entity';
import { surveyEventTypes } from './survey.events';
import { SurveyPermission } from './survey.permissions';
import { SatisfactionRequestResolver, SurveyTemplateResolver } from './survey.resolver';

/** Surveys: versioned templates (HQ's shared, franchises' own), the surveys sent and answered, and the satisfaction figures. */
export const surveysModule = defineModule({
  name: 'surveys',
  entities: [SurveyTemplate, SurveyTemplateVersion, SatisfactionRequest],
  resolvers: [SurveyTemplateResolver, SatisfactionRequestResolver],
  permissions: [SurveyPermission],
  events: surveyEventTypes,
});
