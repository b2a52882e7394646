import type { Dictionary } from './zh-CN';

/** The satisfaction analysis and improvement tracker pages' words in English (zh-CN's are under `analyses`). */
export const analysesEn: Dictionary['analyses'] = {
  list: 'Satisfaction analyses', tracker: 'Improvement tracker', newAnalysis: 'New analysis', title: 'Title', titleRequired: 'Enter a title', period: 'Period', scope: 'Scope', wholeFranchise: 'Whole franchise',
  status: 'Status', flags: 'System flags', author: 'Author', createdAt: 'Created', open: 'Open', noFlags: 'None',
  lastMonth: 'Last month', lastThreeMonths: 'Last three months', thisMonth: 'This month', defaultTitle: 'Satisfaction analysis {{from}} to {{to}}',
  createHelp: 'Pick a period and scope: the system computes the figures of the surveys sent, lists the worst questions, stores and agents, and flags staffing or process reviews by its rules.', created: 'Analysis created: see the figures and what the system proposes',
  proposal: 'System proposal', figures: 'Figures', worstQuestions: 'Worst questions', worstStores: 'Stores with the highest dissatisfaction', worstAgents: 'Agents with the highest dissatisfaction', question: 'Question', store: 'Store', agent: 'Agent',
  rated: 'Rated', dissatisfied: 'Dissatisfied (1–2)', dissatisfactionRate: 'Dissatisfaction rate', satisfactionRate: 'Satisfaction rate', responseRate: 'Response rate', averageRating: 'Average', answered: 'Answered', sent: 'Sent',
  share: '{{share}} of the dissatisfied answers', findings: 'Findings', findingsPlaceholder: 'The period’s satisfaction, the main problems and their causes', problems: 'Problems and grades', problemTitle: 'Problem', problemTitleRequired: 'Enter the problem',
  problemDescription: 'Description', grade: 'Grade', addProblem: 'Add a problem', fromFlag: 'Add from the system’s flags', removeProblem: 'Remove', saveAnalysis: 'Save analysis', saved: 'Analysis saved',
  actions: 'Improvement actions', addAction: 'Set an improvement action', actionTitle: 'Action', actionTitleRequired: 'Enter the action', actionDescription: 'What is expected', owner: 'Owner', ownerRequired: 'Pick the owner',
  dueDate: 'Due', dueDateRequired: 'Pick the due date', evidenceRequired: 'Evidence expected', problem: 'Problem', actionAdded: 'Action set for {{owner}}', noActions: 'No improvement actions yet',
  close: 'Close analysis', closed: 'Analysis closed', closeHelp: 'An analysis closes once all its improvement actions are verified and closed.', closeConfirm: 'A closed analysis can no longer be changed. Close it?', readOnly: 'This analysis is closed (read only).',
  allStatuses: 'All statuses', allStores: 'All stores', mine: 'Mine only', overdue: 'Overdue only', overdueTag: 'Overdue', escalated: 'Escalated as overdue', analysis: 'Analysis',
  progress: 'Report progress', note: 'Progress note', noteRequired: 'Enter a progress note', evidenceUrls: 'Evidence links (one http(s) address per line)', markDone: 'Done: submit for verification', submitProgress: 'Submit progress',
  progressSaved: 'Progress recorded', doneSaved: 'Submitted for verification', verify: 'Verify', accept: 'Accept', reject: 'Send back', comment: 'Comment', rejectReason: 'Why it is sent back (required)',
  rejectReasonRequired: 'Say why it is sent back', accepted: 'Accepted: the action is closed', rejected: 'Sent back for more work', history: 'Progress', evidence: 'Evidence', none: '—', doneAt: 'Done', closedAt: 'Closed',
  export: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', exported: 'Exported {{count}} rows',
  statuses: { OPEN: 'Open', CLOSED: 'Closed' },
  actionStatuses: { OPEN: 'To do', IN_PROGRESS: 'In progress', DONE: 'Awaiting verification', CLOSED: 'Closed' },
  grades: { MINOR: 'Minor', MAJOR: 'Major', SEVERE: 'Severe' },
  flagKinds: { STAFFING_REVIEW: 'Staffing review', PROCESS_REVIEW: 'Process review' },
  lowRating: 'Low rating received: {{rating}}', lowRatingFrom: 'From: {{ref}}', openCustomer: 'Open the customer', suggestion: 'Customer said: {{text}}',
  sendLink: 'Send the survey link', linkSent: 'Survey link sent, valid until {{date}}', linkChannel: 'Channel', linkDefault: 'A channel the customer agreed to',
};
