import type { Dictionary } from './zh-CN';

/** English of the quarterly surveys (季度调查) and third-party survey projects (第三方调查). */
export const quarterlyEn: Dictionary['quarterly'] = {
  rounds: 'Quarterly surveys', mine: 'My quarterly surveys', openRound: 'Open a quarterly survey', roundsHelp: 'Each quarter HQ asks franchises and / or partner organizations one questionnaire; each organization’s owner answers once before the close date; the results compare with the previous quarter.',
  quarter: 'Quarter', quarterRule: 'Write the quarter as 2031-Q2', title: 'Title', titleOptional: 'Title (optional, “<quarter> 季度调查” by default)', template: 'Questionnaire template', templateRequired: 'Choose an HQ template',
  templateHelp: 'Only active HQ (shared) templates; their current version is asked', audience: 'Asked', audienceRequired: 'Choose at least one audience', closesOn: 'Close date', closesOnRequired: 'Choose the close date',
  state: 'State', states: { OPEN: 'Open', ENDED: 'Ended', CLOSED: 'Closed' }, actions: 'Actions', results: 'Results', closeRound: 'Close', closeConfirm: 'Organizations can no longer answer once closed. Close it?',
  opened: 'Quarterly survey opened', closed: 'Quarterly survey closed', backToRounds: 'Back to quarterly surveys', previous: 'Previous quarter',
  addressed: 'Organizations asked', answeredCount: 'Answered', responseRate: 'Response rate', previousResponseRate: 'Previous quarter’s response rate', questionMeans: 'Mean per question (beside the previous quarter)',
  question: 'Question', average: 'Mean this quarter', previousAverage: 'Mean previous quarter', change: 'Change', organizations: 'Each organization’s answers', organization: 'Organization', cooperationType: 'Cooperation',
  answerState: 'Answered?', answered: 'Answered', notAnswered: 'Not answered', answeredAt: 'Answered at', averageRating: 'Mean', exportName: 'Quarterly survey results', exported: 'Exported {{count}} rows',
  mineHelp: 'HQ’s quarterly questionnaires, answered once by your organization’s owner.', noneForYou: 'No quarterly questionnaire for you', toAnswer: 'To answer', missed: 'Ended, not answered',
  missedHelp: 'This questionnaire has ended; your organization did not answer it.', answeredOn: 'Submitted:', answerRequired: 'Required', submit: 'Submit', submitted: 'Thank you, your answers are in',
};

export const surveyProjectEnumsEn: Pick<Dictionary['enums'], 'QuarterlyAudience'> = {
  QuarterlyAudience: { FRANCHISES: 'Franchises', PARTNERS: 'Partner organizations' },
};
