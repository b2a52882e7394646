import type { Dictionary } from './zh-CN';

/** The callback and survey pages' words in English (zh-CN's are under `callbacks` and `surveys`). */
export const callbacksEn: Dictionary['callbacks'] = {
  group: 'Callbacks and satisfaction', desk: 'Callback desk', rules: 'Callback rules', task: 'Callback', status: 'Status', purpose: 'Purpose', store: 'Store', dueBy: 'Due by', anyDue: 'Any date',
  dueDate: 'Due', callWindow: 'Good time to call', customer: 'Customer', subject: 'Subject', attempts: 'Attempts', notFound: 'No such callback, or not yours to see',
  customerCard: 'Customer card', openArchive: 'Open archive', phone: 'Phone', noPhoneConsent: 'No phone consent', segment: 'Segment', tags: 'Tags', allergies: 'Allergies',
  note: 'Note', linkedCase: 'Linked case', openCase: 'Open the case', questionnaire: 'Questionnaire', answerRequired: 'This question needs an answer', suggestion: 'Customer’s suggestions', outcome: 'Outcome',
  notePlaceholder: 'Agent’s note (optional)', save: 'Save outcome', recorded: 'Recorded: {{outcome}}', raiseCase: 'Raise a case', caseRaised: 'Case raised and linked to this callback',
  caseType: 'Case type', caseSubject: 'Subject', caseSubjectRequired: 'Enter the subject', caseDescription: 'Description', caseDescriptionRequired: 'Enter the description', cancel: 'Cancel',
  yes: 'Yes', no: 'No',
  outcomes: { COMPLETED: 'Completed', RETRY: 'No answer, retry later', REFUSED: 'Refused', WRONG_NUMBER: 'Wrong number', DO_NOT_CALL: 'Asked not to be called' },
  outcomeHelp: {
    RETRY: 'Called again in the next good window; after the rule’s last attempt it closes as unreachable.', REFUSED: 'The callback closes without answers.',
    WRONG_NUMBER: 'The callback closes; check and correct the phone on the archive.', DO_NOT_CALL: 'The callback closes and the customer’s phone consent is withdrawn: no more phone callbacks.',
  },
  rulesHelp: 'Callback rules make callback tasks every day: once per customer and purpose, respecting consent, and not within the no-repeat days. Built-in rules can be tuned; untouched ones show their defaults.',
  ruleName: 'Rule', cadence: 'Cadence and settings', enabled: 'Enabled', ruleVersion: 'Version', builtInDefault: 'Default', actions: 'Actions', tune: 'Tune', ruleSaved: 'Rule saved',
  ruleConflict: 'Rule “{{name}}” was changed by someone else; reloaded with the latest settings, please try again.',
  settings: { delayDays: 'Days after', leadDays: 'Days before', topN: 'Customers per store', dayOfMonth: 'Day of month', noRepeatDays: 'No-repeat days', maxAttempts: 'Max attempts' },
  settingHelp: {
    delayDays: 'Days after the event (after service, new member)', leadDays: 'Days before running out or the holiday (refill, holiday)', topN: 'Each store’s top customers by last month’s spend', dayOfMonth: 'The day of the month calls start',
    noRepeatDays: 'A customer called (any purpose) within these days is not planned again yet', maxAttempts: 'Unanswered calls before the callback closes as unreachable',
  },
};

export const surveysEn: Dictionary['surveys'] = {
  templates: 'Survey templates', figures: 'Satisfaction figures', newTemplate: 'New template', purpose: 'Purpose', templateName: 'Name', code: 'Code', owner: 'Owner', own: 'Ours', hqShared: 'HQ shared',
  questionCount: 'Questions', versionNo: 'Version', versionLabel: 'version {{no}}', active: 'Active', inUse: 'In use', inactive: 'Inactive', updatedAt: 'Updated', save: 'Save template',
  templateSaved: 'Template saved', templateConflict: 'Someone else changed the template; reloaded, edit again', hqReadOnly: 'An HQ template shared with every franchise: read-only here. Create your own to change it.', noWrite: 'You can only read survey templates.',
  versionHelp: 'Changing the questions makes a new version; surveys already sent keep theirs.', shared: 'Share with every franchise', codeRule: '1–40 letters, digits, _ or -',
  questionNo: 'Question {{no}}', removeQuestion: 'Remove question', questionKey: 'Key', questionKind: 'Type', weight: 'Weight', weightHelp: 'Weight of its score in the survey score (0: not scored; text is never scored)',
  required: 'Required', satisfactionQuestion: 'Satisfaction', satisfactionHelp: 'Its 1–5 answer counts in the satisfaction rate (one per template)', questionText: 'Question',
  optionValue: 'Value', optionLabel: 'Label', optionScore: 'Score', removeOption: 'Remove option', addOption: 'Add option', addQuestion: 'Add question',
  allStores: 'All stores', none: '(none)', totals: 'Totals', sent: 'Sent', answered: 'Answered', rated: 'Rated', satisfied: 'Satisfied (4–5)', dissatisfied: 'Dissatisfied (1–2)',
  responseRate: 'Response rate', satisfactionRate: 'Satisfaction', dissatisfactionRate: 'Dissatisfaction', nps: 'NPS', averageRating: 'Average rating',
  definitions: 'Definitions: satisfaction = answers 4–5 to the satisfaction question ÷ rated; dissatisfaction = answers 1–2 ÷ rated; NPS = % promoters (9–10) − % detractors (0–6); response rate = answered ÷ sent. A survey counts on the day it was sent, in its franchise’s time zone.',
  trend: 'Trend', distribution: 'Distribution', byGroup: 'By {{group}}', satisfiedBand: 'Satisfied', neutralBand: 'Neutral', dissatisfiedBand: 'Dissatisfied', promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors',
  export: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', exported: 'Exported {{count}} rows',
};

export const surveyEnumsEn: Pick<Dictionary['enums'], 'CallbackStatus' | 'CallbackRuleKind' | 'SurveyQuestionKind' | 'SurveyPurpose' | 'SurveyChannel' | 'SatisfactionGroupBy'> = {
  CallbackStatus: { OPEN: 'Open', RETRY: 'To retry', COMPLETED: 'Completed', REFUSED: 'Refused', WRONG_NUMBER: 'Wrong number', DO_NOT_CALL: 'Do not call', UNREACHABLE: 'Unreachable' },
  CallbackRuleKind: { AFTER_SERVICE: 'After service', NEW_MEMBER: 'New member', CHRONIC_MEDICATION: 'Chronic medication refill', TOP_SPENDERS: 'Top spenders', HOLIDAY: 'Holiday care', REPORT_DELIVERED: 'Report delivered' },
  SurveyQuestionKind: { RATING: 'Rating (1–5)', NPS: 'NPS (0–10)', SINGLE_CHOICE: 'Single choice', MULTIPLE_CHOICE: 'Multiple choice', YES_NO: 'Yes / no', TEXT: 'Text' },
  SurveyPurpose: { SERVICE_CONTACT: 'After service', CALLBACK: 'Phone callback', GENERAL: 'General' },
  SurveyChannel: { PHONE: 'Phone', SMS: 'SMS', WECHAT: 'WeChat', IN_STORE: 'In store', ONLINE: 'Online' },
  SatisfactionGroupBy: { FRANCHISE: 'Franchise', STORE: 'Store', AGENT: 'Agent', DOCTOR: 'Doctor', CHANNEL: 'Channel', DAY: 'Day', MONTH: 'Month' },
};
