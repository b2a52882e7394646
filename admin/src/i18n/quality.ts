import type { Dictionary } from './zh-CN';

/** The quality and call pages' words in English (zh-CN's are under `quality` and `calls`, the enums and error reasons in zh-CN.ts). */
export const qualityEn: Dictionary['quality'] = {
  group: 'Quality and calls', workspace: 'QA workspace', mine: 'My QA', calls: 'Call log', kpis: 'Agent KPIs',
  queue: 'To review', myReviews: 'My reviews', disputes: 'Disputes to answer', calibration: 'Calibration',
  week: 'Week', perAgent: 'Sample per agent', marked: 'Marked for review', carriedOver: 'Marked in an earlier week', sampled: 'Sampled', score: 'Score', scoreNow: 'Score so far', critical: 'Critical', criticalFailed: 'A critical criterion failed: the review scores 0',
  scorecard: 'Scorecard', category: 'Category', weight: 'Weight', criterion: 'Criterion', rating: 'Rating', notApplicable: 'N/A', comment: 'Comment', rootCauses: 'Root causes',
  rootCausesPlaceholder: 'Type a root cause and press Enter (e.g. knowledge, process)', submit: 'Submit review', submitted: 'Review submitted', review: 'Review', reviewCall: 'Call review',
  target: 'Reviewed item', agent: 'Agent', reviewer: 'Reviewer', reviewedAt: 'Reviewed at', status: 'Status', noQueue: 'No calls to review this week', open: 'Open',
  acknowledge: 'Accept', acknowledged: 'Accepted', dispute: 'Dispute', disputeComment: 'Why you dispute it', disputeCommentRequired: 'Say why you dispute it', proposedRatings: 'Ratings you propose', disputed: 'Dispute sent',
  agentDisputed: 'The agent’s reasons', answer: 'Answer the dispute', outcome: 'Outcome', resolution: 'Explanation', resolutionRequired: 'Explain the outcome', resolved: 'Dispute answered', before: 'Score before the dispute',
  newRatings: 'Changed ratings (when partly accepting)', reviewerRating: 'Reviewer', agentProposal: 'Agent proposes',
  sessions: 'Calibration sessions', session: 'Session', reviewers: 'Reviewers', blind: 'Others’ scores show once you have scored', spread: 'Spread', min: 'Min', max: 'Max', mean: 'Mean', sd: 'Std dev', close: 'Close session', closed: 'Session closed', scoreIt: 'Score it', noScores: 'No scores yet',
  categoryScores: 'Category scores', ratings: 'Ratings', backToList: 'Back', final: 'The result is final',
  averageScore: 'QA average', reviews: 'Reviews', criticalFailures: 'Critical failures', disputedCount: 'Disputed',
};

export const callsEn: Dictionary['calls'] = {
  list: 'Call log', direction: 'Direction', state: 'State', line: 'Line / queue', caller: 'Caller', callee: 'Callee', customer: 'Customer', agent: 'Agent', workNo: 'Work no.', store: 'Store',
  offeredAt: 'Offered at', answeredAt: 'Answered at', endedAt: 'Ended at', wait: 'Wait (s)', talk: 'Talk (s)', hold: 'Hold (s)', wrapUp: 'Wrap-up (s)', hangupCause: 'Hang-up cause',
  recording: 'Recording', disposition: 'Disposition', note: 'Note', detail: 'Call', markForReview: 'Mark for review', reviewReason: 'Why review it', reviewReasonRequired: 'Say why', markedAt: 'Marked for review',
  markedDone: 'Marked for review', onlyMarked: 'Marked only', dateRange: 'Date', searchNumber: 'Number', export: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', exported: 'Exported {{count}} rows',
  exportCapped: 'At most {{count}} rows are exported; narrow the filters', partnerCallId: 'Switch call id', play: 'Play',
  kpiHelp: 'Answer rate = inbound answered ÷ inbound offered (abandons within {{seconds}} s not counted); talk time excludes hold; handle time = talk + hold + wrap-up. QA average counts real reviews only (not calibration).',
  period: 'Period', groupBy: 'Group by', offered: 'Offered', answered: 'Answered', abandoned: 'Abandoned', shortAbandoned: 'Short abandons', missed: 'Missed', outbound: 'Outbound', talked: 'Talked',
  answerRate: 'Answer rate', answerRateTarget: 'Answer rate target', averageTalk: 'Avg talk (s)', averageTalkTarget: 'Talk target (s)', averageHandle: 'Avg handle (s)', belowTarget: 'Below target', totals: 'Total', noKpis: 'No calls in the period',
  unnamed: '(unassigned)',
  wall: {
    title: 'Live call wall', live: 'Live', longWaitHelp: 'Calls waiting {{seconds}} s or more are in red', waiting: 'Waiting', longWaits: 'Long waits', inProgress: 'In progress', agentsBusy: 'Agents on a call',
    agents: 'Agents', noAgents: 'No agent has taken a call today', since: 'For', today: 'Today {{calls}} calls, {{answered}} answered, {{talk}} talking', noWaiting: 'No call waiting',
    noInProgress: 'No call in progress', queued: 'In the queue', waited: 'Waited', longWait: 'Long wait', talking: 'Talking',
  },
  conversionRate: 'Order conversion', conversionRateTarget: 'Conversion target', salesCalls: 'Sales calls', consultations: 'Consultations', complaints: 'Complaints', ordersEntered: 'Orders entered',
  consultationOnTime: 'Consultation replies on time', complaintOnTime: 'Complaints handled on time', orderOnTime: 'Orders handled on time', orderErrorRate: 'Order error rate', resolutionRate: 'Resolution rate',
  firstResponse: 'Avg first response (s)', dissatisfactionRate: 'Dissatisfaction rate',
  agentKpiHelp: 'Order conversion = sales calls that led to an order ÷ sales calls (calls for a sales outbound task, with the disposition SALES, or with an order linked); consultations and complaints count for their owner when created; resolution rate = resolved ÷ created; on-time rates follow the SLA clocks; order error rate = errors ÷ orders handled; dissatisfaction rate = ratings of 1–2 ÷ ratings.',
};

export const outboundEn: Dictionary['outbound'] = {
    plans: 'Outbound plans', newPlan: 'New outbound plan', created: 'Plan created, tasks assigned', name: 'Plan name', purpose: 'Purpose', goal: 'Goal', targets: 'Targets', agents: 'Agents',
  roundRobin: 'Tasks go to the chosen agents in turn', deadline: 'Deadline', createdAt: 'Created', required: 'Required', targetCustomers: 'Target customers (by store and segment, or picked one by one)',
  byStore: 'Store', bySegment: 'Segment', byList: 'Customers', progress: 'Outbound progress', done: 'Done', reached: 'Reached', interested: 'Interested', converted: 'Converted',
  openFollowUps: 'Follow-ups open', doneRate: 'Done rate', conversionRate: 'Conversion (of reached)', noInterestReasons: 'Reasons for no interest', agent: 'Agent', plan: 'Plan', customer: 'Customer', phone: 'Phone',
  dueAt: 'Due', followUp: 'Follow-up', state: 'State', outcome: 'Outcome', note: 'Note', record: 'Record result', recorded: 'Result recorded', mine: 'My outbound tasks', showDone: 'Show done',
  noInterestReason: 'Why not interested', answered: 'Answered', minutes: 'Talk (minutes)', followUpAt: 'Follow up on',
};

export const qualityEnumsEn: Pick<Dictionary['enums'], 'QaTargetKind' | 'QaReviewStatus' | 'QaDisputeOutcome' | 'QaScale' | 'QaCalibrationStatus' | 'CallDirection' | 'CallState' | 'CallWallAgentState' | 'CallKpiGroupBy' | 'CallKpiPeriod' | 'OutboundPurpose' | 'OutboundOutcome' | 'OutboundTaskState' | 'NoInterestReason'> = {
  QaTargetKind: { CASE: 'Case', CALLBACK: 'Callback', CALL: 'Call' },
  QaReviewStatus: { SUBMITTED: 'To acknowledge', DISPUTED: 'Disputed', FINAL: 'Final' },
  QaDisputeOutcome: { ACCEPTED: 'Accepted', PARTLY_ACCEPTED: 'Partly accepted', REJECTED: 'Rejected' },
  QaScale: { BINARY: 'Yes / no', THREE_POINT: '3-point', FOUR_POINT: '4-point', FIVE_POINT: '5-point' },
  QaCalibrationStatus: { OPEN: 'Open', CLOSED: 'Closed' },
  CallDirection: { INBOUND: 'Inbound', OUTBOUND: 'Outbound' },
  CallWallAgentState: { RINGING: 'Ringing', ON_CALL: 'On a call', WRAP_UP: 'Wrap-up', IDLE: 'Idle' },
  CallState: { RINGING: 'Ringing', ANSWERED: 'In call', ENDED: 'Ended', ABANDONED: 'Abandoned', MISSED: 'Missed', FAILED: 'Failed' },
  CallKpiGroupBy: { FRANCHISE: 'Franchise', STORE: 'Store', AGENT: 'Agent', TEAM: 'Team' },
  CallKpiPeriod: { DAY: 'By day', WEEK: 'By week', MONTH: 'By month' },
  OutboundPurpose: { SURVEY: 'Survey', SALES: 'Sales', RELATIONSHIP_CARE: 'Relationship care' },
  OutboundOutcome: { UNREACHED: 'Not reached', NOT_INTERESTED: 'Not interested', INTERESTED: 'Interested', CONVERTED: 'Converted' },
  OutboundTaskState: { OPEN: 'To call', DONE: 'Done' },
  NoInterestReason: { NO_NEED: 'No need', PRICE: 'Price', ALREADY_BOUGHT: 'Bought elsewhere', BAD_TIMING: 'Bad timing', DISTRUST: 'Distrust', DO_NOT_CALL: 'Do not call', OTHER: 'Other' },
};

export const qualityReasonsEn: Partial<Dictionary['errors']['reasons']> = {
  NO_AGENT: 'Nobody handled it yet: nothing to review', SELF_REVIEW: 'Nobody reviews their own work', ALREADY_REVIEWED: 'Already reviewed', ALREADY_MARKED: 'The call is already marked for review', INVALID_DATE: 'Dates are YYYY-MM-DD', UNKNOWN: 'Unknown option', DUPLICATE: 'Duplicate',
};
