import { useTranslate } from '@refinedev/core';
import { Tag } from 'antd';

export interface SurveyOption {
  value: string;
  label: string;
  score: number;
}

export interface SurveyQuestion {
  key: string;
  kind: string;
  text: string;
  required: boolean;
  weight: number;
  satisfaction: boolean;
  options: SurveyOption[];
}

export interface SurveyAnswer {
  questionKey: string;
  value?: number | null;
  choices?: string[] | null;
  text?: string | null;
}

export interface CallbackTaskRow {
  id: string;
  version: number;
  kind: string;
  purposeKey: string;
  title: string;
  status: string;
  dueDate: string;
  attempts: number;
  nextAttemptAt: string | null;
  assigneeId: string | null;
  orgUnitId: string;
  caseId: string | null;
  surveyId: string | null;
  note: string | null;
  closedAt: string | null;
  callWindow: { start: string; end: string };
  customer: { id: string; name: string; recordNo: string; phone: string | null; tags: string[]; orgUnit: { id: string; name: string } | null } | null;
}

export const CALLBACK_STATUSES = ['OPEN', 'RETRY', 'COMPLETED', 'REFUSED', 'WRONG_NUMBER', 'DO_NOT_CALL', 'UNREACHABLE'];
/** The outcomes an agent records (UNREACHABLE follows from the last unanswered attempt). */
export const OUTCOMES = ['COMPLETED', 'RETRY', 'REFUSED', 'WRONG_NUMBER', 'DO_NOT_CALL'];
export const CALLBACK_KINDS = ['AFTER_SERVICE', 'NEW_MEMBER', 'CHRONIC_MEDICATION', 'TOP_SPENDERS', 'HOLIDAY', 'REPORT_DELIVERED'];
export const QUESTION_KINDS = ['RATING', 'NPS', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'YES_NO', 'TEXT'];
export const SURVEY_PURPOSES = ['SERVICE_CONTACT', 'CALLBACK', 'GENERAL'];
export const OPEN_STATUSES = ['OPEN', 'RETRY'];

const STATUS_COLORS: Record<string, string> = { OPEN: 'blue', RETRY: 'orange', COMPLETED: 'green', REFUSED: 'default', WRONG_NUMBER: 'red', DO_NOT_CALL: 'volcano', UNREACHABLE: 'magenta' };

export function CallbackStatusTag({ status }: { status: string }) {
  const t = useTranslate();
  return <Tag color={STATUS_COLORS[status]} data-testid="callback-status" data-status={status}>{t(`enums.CallbackStatus.${status}`, status)}</Tag>;
}
