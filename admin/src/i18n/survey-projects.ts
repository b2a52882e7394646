import type { Dictionary } from './zh-CN';

/** English of the quarterly surveys (季度调查) and third-party survey projects (第三方调查). */
export const quarterlyEn: Dictionary['quarterly'] = {
  rounds: 'Quarterly surveys', mine: 'My quarterly surveys', openRound: 'Open a quarterly survey', roundsHelp: 'Each quarter HQ asks franchises and / or partner organizations one questionnaire; each organization’s owner answers once before the close date; the results compare with the previous quarter.',
  quarter: 'Quarter', quarterRule: 'Write the quarter as 2031-Q2', title: 'Title', titleOptional: 'Title (optional, “<quarter> 季度调查” by default)', template: 'Questionnaire template', templateRequired: 'Choose an HQ template',
  templateHelp: 'Only active HQ (shared) templates; their current version is asked', audience: 'Asked', audienceRequired: 'Choose at least one audience', closesOn: 'Close date', closesOnRequired: 'Choose the close date',
  state: 'State', states: { OPEN: 'Open', ENDED: 'Ended', CLOSED: 'Closed' }, actions: 'Actions', results: 'Results', closeRound: 'Close', closeConfirm: 'Organizations can no longer answer once closed. Close it?',
  remindDaysBefore: 'Reminder before close', remindHelp: 'Owners who have not answered are reminded (once per round) from this many days before the close date; 0 for no reminder', remindRule: 'Enter a whole number from 0 to 30', days: 'days', remindShort: '{{days}} days before close', noReminder: 'No reminder',
  opened: 'Quarterly survey opened', closed: 'Quarterly survey closed', backToRounds: 'Back to quarterly surveys', previous: 'Previous quarter',
  addressed: 'Organizations asked', answeredCount: 'Answered', responseRate: 'Response rate', previousResponseRate: 'Previous quarter’s response rate', questionMeans: 'Mean per question (beside the previous quarter)',
  question: 'Question', average: 'Mean this quarter', previousAverage: 'Mean previous quarter', change: 'Change', organizations: 'Each organization’s answers', organization: 'Organization', cooperationType: 'Cooperation',
  answerState: 'Answered?', answered: 'Answered', notAnswered: 'Not answered', answeredAt: 'Answered at', averageRating: 'Mean', exportName: 'Quarterly survey results', exported: 'Exported {{count}} rows',
  mineHelp: 'HQ’s quarterly questionnaires, answered once by your organization’s owner.', noneForYou: 'No quarterly questionnaire for you', toAnswer: 'To answer', missed: 'Ended, not answered',
  missedHelp: 'This questionnaire has ended; your organization did not answer it.', answeredOn: 'Submitted:', answerRequired: 'Required', submit: 'Submit', submitted: 'Thank you, your answers are in',
};

export const thirdPartyEn: Dictionary['thirdParty'] = {
  projects: 'Third-party surveys', projectsHelp: 'HQ commissions survey firms (mystery shopping, customer interviews…) to survey stores: record the project (firm, scope, stores, dates), import the firm’s results and read the report beside our own satisfaction figures for the same stores and dates.',
  create: 'Record a project', edit: 'Edit the project', created: 'Project recorded', saved: 'Project saved',
  name: 'Project name', nameRequired: 'Enter the project’s name', firm: 'Survey firm', firmRequired: 'Enter the survey firm', scope: 'Scope', scopeHelp: 'e.g. mystery shopping in store: attitude, expertise, waiting time',
  stores: 'Stores surveyed', storesRequired: 'Choose at least one store', storesHelp: 'Imported results name stores by code: the stores chosen need distinct codes', storeCount: 'Stores',
  dates: 'Survey dates', datesRequired: 'Choose the first and last day', notes: 'Notes', actions: 'Actions', report: 'Report', back: 'Back to third-party surveys',
  imported: 'Results imported', importedSummary: '{{rows}} rows · {{respondents}} respondents', notImported: 'Not imported yet',
  import: 'Import the results', importHelp: 'Upload the firm’s CSV or Excel file (first row: store code, date, question, score and optionally count); it replaces the project’s previous results. Any bad row imports nothing, and the row and column are named.',
  importButton: 'Upload a results file', template: 'Download the template', templateName: 'Third-party survey import template', exampleQuestion: 'Attitude',
  importDone: 'Imported {{rows}} rows ({{respondents}} respondents), replacing {{replaced}} earlier rows', importFailed: 'Import failed',
  importRefused: '“{{file}}” has {{count}} problem(s): nothing was imported', problemAt: 'Row {{row}}, {{column}}: ', problemFile: 'File: ',
  lastImport: 'Last import: {{file}} ({{rows}} rows, {{respondents}} respondents)',
  columns: { store_code: 'Store code', date: 'Date', question: 'Question', score: 'Score', count: 'Count' },
  respondents: 'Respondents', firmScore: 'Firm’s mean score', ourRated: 'Our rated surveys', ourRating: 'Our mean rating', ourSatisfaction: 'Our satisfaction rate', difference: 'Difference (firm − ours)',
  byStore: 'By store', byQuestion: 'By question (lowest first)', storeCode: 'Store code', store: 'Store', question: 'Question', satisfiedShare: 'Share scoring 4+', noResults: 'No results imported yet',
};

export const surveyProjectReasonsEn = {
  IMPORT_INVALID: 'The file has errors: nothing was imported', RANGE: 'Invalid dates: the end may not be before the start, nor the span longer than allowed', STORE_WITHOUT_CODE: 'A chosen store has no code (imported results name stores by code)', DUPLICATE_STORE_CODE: 'Chosen stores share the code {{code}}',
};

export const surveyProjectEnumsEn: Pick<Dictionary['enums'], 'QuarterlyAudience'> = {
  QuarterlyAudience: { FRANCHISES: 'Franchises', PARTNERS: 'Partner organizations' },
};
