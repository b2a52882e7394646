import { defineModule } from '../../core/modules/module';
import { qualityEventTypes } from './quality.events';
import { QualityPermission } from './quality.permissions';
import { QaCalibrationSessionResolver, QaReviewResolver, QaScorecardResolver } from './quality.resolver';
import { QaCalibrationSession, QaReview } from './review.entity';
import { QaScorecard } from './scorecard.entity';

/**
 * Quality: scorecards as data (weighted categories of criteria, critical ones fail a review),
 * reviews of cases and callbacks, the agent's dispute answered once and final, and calibration
 * sessions that never count toward the agent.
 */
export const qualityModule = defineModule({
  name: 'quality',
  entities: [QaScorecard, QaReview, QaCalibrationSession],
  resolvers: [QaScorecardResolver, QaReviewResolver, QaCalibrationSessionResolver],
  permissions: [QualityPermission],
  events: qualityEventTypes,
});
