import { useTranslate } from '@refinedev/core';
import { Checkbox, Input, Radio } from 'antd';
import type { SurveyAnswer, SurveyOption, SurveyQuestion } from './shared';

/**
 * A survey template's questions as inputs, one per kind (rating 1–5, NPS 0–10, single / multiple
 * choice, yes / no, free text), and an answer given shown as text: the callback desk and the
 * owners' quarterly questionnaires (我的季度调查) render questions with these.
 */

/** What rendering a question needs (the owners' questionnaires ask for no weights or scores). */
export type AnswerableQuestion = Pick<SurveyQuestion, 'key' | 'kind'> & { options: Pick<SurveyOption, 'value' | 'label'>[] };

/** One question's answer input, by kind. */
export function AnswerInput({ question, value, onChange }: { question: AnswerableQuestion; value: SurveyAnswer | undefined; onChange: (a: SurveyAnswer) => void }) {
  const t = useTranslate();
  const key = question.key;
  const testId = `answer-${key}`;
  switch (question.kind) {
    case 'RATING':
    case 'NPS': {
      const values = question.kind === 'RATING' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      return (
        <Radio.Group optionType="button" buttonStyle="solid" size="small" data-testid={testId} value={value?.value ?? undefined} onChange={(e) => onChange({ questionKey: key, value: e.target.value as number })}
          options={values.map((v) => ({ value: v, label: String(v) }))} />
      );
    }
    case 'SINGLE_CHOICE':
      return <Radio.Group data-testid={testId} value={value?.choices?.[0]} onChange={(e) => onChange({ questionKey: key, choices: [e.target.value as string] })} options={question.options.map((o) => ({ value: o.value, label: o.label }))} />;
    case 'MULTIPLE_CHOICE':
      return <Checkbox.Group data-testid={testId} value={value?.choices ?? []} onChange={(v) => onChange({ questionKey: key, choices: v as string[] })} options={question.options.map((o) => ({ value: o.value, label: o.label }))} />;
    case 'YES_NO':
      return <Radio.Group data-testid={testId} value={value?.choices?.[0]} onChange={(e) => onChange({ questionKey: key, choices: [e.target.value as string] })} options={[{ value: 'yes', label: t('callbacks.yes') }, { value: 'no', label: t('callbacks.no') }]} />;
    default:
      return <Input.TextArea data-testid={testId} rows={2} maxLength={2000} value={value?.text ?? ''} onChange={(e) => onChange({ questionKey: key, text: e.target.value })} />;
  }
}

/** What an answer says, for a survey already answered. */
export function answerText(question: AnswerableQuestion, answer: SurveyAnswer | undefined, t: (k: string) => string): string {
  if (!answer) return '—';
  if (answer.value != null) return String(answer.value);
  if (answer.choices?.length) return answer.choices.map((c) => (question.kind === 'YES_NO' ? t(`callbacks.${c}`) : (question.options.find((o) => o.value === c)?.label ?? c))).join('、');
  return answer.text || '—';
}
