import { defineModule } from '../../core/modules/module';
import { satisfactionOnCaseResolved, satisfactionRequestsMergeHandler } from './case-satisfaction';
import { CallbackRule, CallbackTask } from './callback.entity';
import { callbackPlanJob } from './callback.jobs';
import { CallbackRuleResolver, CallbackTaskResolver } from './callback.resolver';
import { SatisfactionRequest } from './satisfaction-request.entity';
import { SurveyTemplate, SurveyTemplateVersion } from './survey-template.entity';
import { callbackEventTypes, surveyEventTypes } from './survey.events';
import { SurveyPermission } from './survey.permissions';
import { SatisfactionRequestResolver, SurveyTemplateResolver } from './survey.resolver';
import { reportCallbackHandlers } from './report-callbacks';
import { callbackTimelineProvider, surveyTimelineProvider } from './survey.timeline';
import { surveyPageRoutes } from './survey-page';
import { surveyLinkExpiryJob } from './survey-expiry';

/**
 * Surveys and callbacks: versioned templates (HQ's shared, franchises' own), the surveys sent
 * and answered with the satisfaction figures (online through a signed link: the public page /s/<token>), callback rules planned daily into the callback desk.
 */
export const surveysModule = defineModule({
  name: 'surveys',
  entities: [SurveyTemplate, SurveyTemplateVersion, SatisfactionRequest, CallbackRule, CallbackTask],
  resolvers: [SurveyTemplateResolver, SatisfactionRequestResolver, CallbackRuleResolver, CallbackTaskResolver],
  permissions: [SurveyPermission],
  jobs: [callbackPlanJob, surveyLinkExpiryJob],
  httpRoutes: [surveyPageRoutes],
  events: [...surveyEventTypes, ...callbackEventTypes],
  contributes: { timelineProviders: [surveyTimelineProvider, callbackTimelineProvider], eventHandlers: [...reportCallbackHandlers] },
  extensions: [satisfactionOnCaseResolved, satisfactionRequestsMergeHandler],
});
