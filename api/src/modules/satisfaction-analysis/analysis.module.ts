import { defineModule } from '../../core/modules/module';
import { ImprovementAction, SatisfactionAnalysis, SatisfactionAnalysisSettings } from './analysis.entity';
import { analysisEventTypes } from './analysis.events';
import { improvementOverdueJob } from './analysis.jobs';
import { AnalysisPermission } from './analysis.permissions';
import { ImprovementActionResolver, SatisfactionAnalysisResolver } from './analysis.resolver';

/**
 * Satisfaction analysis and improvement: a supervisor's analysis of a period and scope (figures,
 * worst questions, stores and agents, staffing / process review flags proposed by rules), graded
 * problems, improvement actions followed to closure, overdue actions escalated once.
 */
export const satisfactionAnalysisModule = defineModule({
  name: 'satisfaction-analysis',
  entities: [SatisfactionAnalysis, ImprovementAction, SatisfactionAnalysisSettings],
  resolvers: [SatisfactionAnalysisResolver, ImprovementActionResolver],
  permissions: [AnalysisPermission],
  jobs: [improvementOverdueJob],
  events: analysisEventTypes,
});
