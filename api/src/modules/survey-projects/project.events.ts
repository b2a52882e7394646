/** The events of third-party survey projects (their part of the typed event catalogue). */
declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A firm's results were imported into a project, replacing the previous import. */
    'survey_project.imported': { projectId: string; fileName: string; rows: number; respondents: number; replacedRows: number };
  }
}

export const surveyProjectEventTypes = ['survey_project.imported'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];

declare module '../../core/events/catalogue' {
  interface DomainEvents {
    /** A franchise's (or partner's) owner answered a quarterly questionnaire. */
    'quarterly_survey.answered': { roundId: string; responseId: string; quarter: string };
  }
}

export const quarterlySurveyEventTypes = ['quarterly_survey.answered'] as const satisfies readonly (keyof import('../../core/events/catalogue').DomainEvents)[];
