import { definePermissions } from '../../core/auth/permissions';

export const QualityPermission = definePermissions([
  {
    name: 'quality:read',
    group: 'Quality',
    description: 'See the QA scorecards, every review of one’s part of the organisation and the agents’ quality scores.',
    grantedTo: ['qa_analyst', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'quality:review',
    group: 'Quality',
    description: 'Score cases, callbacks and calls with a scorecard, work the review queue, answer disputes, run calibration sessions.',
    grantedTo: ['qa_analyst', 'supervisor', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'quality:scorecard',
    group: 'Quality',
    description: 'Write QA scorecards: the franchise’s own, or HQ’s shared ones at HQ.',
    grantedTo: ['qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'quality:own',
    group: 'Quality',
    description: 'See one’s own QA reviews and dispute one.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'appraisal:plan',
    group: 'Quality',
    description: 'Write appraisal plans (source weights, evaluation form, bands and consequences): the franchise’s own, or HQ’s shared ones at HQ.',
    grantedTo: ['qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'appraisal:manage',
    group: 'Quality',
    description: 'Open appraisal cycles, see the appraisals of one’s part of the organisation, evaluate agents and finalize their results.',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'appraisal:own',
    group: 'Quality',
    description: 'See the appraisal plans and one’s own appraisals, fill the self-evaluation and acknowledge the result.',
    grantedTo: ['agent', 'health_manager', 'pharmacist', 'supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
] as const);
