import { defineModule } from '../../core/modules/module';
import { Appraisal, AppraisalCycle, AppraisalPlan } from './appraisal.entity';
import { appraisalNoticeHandlers } from './appraisal-notices';
import { AppraisalCycleResolver, AppraisalPlanResolver, AppraisalResolver } from './appraisal.resolver';
import { qualityEventTypes } from './quality.events';
import { QualityPermission } from './quality.permissions';
import { QaCalibrationSessionResolver, QaReviewResolver, QaScorecardResolver } from './quality.resolver';
import { QaCalibrationSession, QaReview } from './review.entity';
import { QaScorecard } from './scorecard.entity';

/**
 * Quality: scorecards as data (weighted categories of criteria, critical ones fail a review),
 * reviews of cases and callbacks, the agent's dispute answered once and final, and calibration
 * sessions that never count toward the agent; monthly and annual appraisal cycles combining the
 * self-evaluation, the supervisor's evaluation, customer evaluation, QA reviews and the call KPIs.
 */
export const qualityModule = defineModule({
  name: 'quality',
  entities: [QaScorecard, QaReview, QaCalibrationSession, AppraisalPlan, AppraisalCycle, Appraisal],
  resolvers: [QaScorecardResolver, QaReviewResolver, QaCalibrationSessionResolver, AppraisalPlanResolver, AppraisalCycleResolver, AppraisalResolver],
  permissions: [QualityPermission],
  events: qualityEventTypes,
  contributes: { eventHandlers: [...appraisalNoticeHandlers] },
});
