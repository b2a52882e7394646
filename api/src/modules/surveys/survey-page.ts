import express, { type Request, type Response, type Router } from 'express';
import type { AppRuntime } from '../../core/context';
import { BadUserInputError, ErrorCode, type FieldProblem } from '../../core/errors';
import { SurveyQuestionKind, type SurveyQuestion } from './survey-template.entity';
import { answerSurveyLink, openSurveyLink, SURVEY_LINK_PATH, SurveyLinkError, type OpenSurvey, type SurveyLinkProblem } from './survey-link';
import type { SurveyAnswerInput } from './survey.types';

/**
 * The public online survey page (no sign-in): GET /s/<token> shows the questions, POST records
 * the answers once. Server-rendered, mobile first, no external assets, zh-CN with an English
 * switch (?lang=en). The JSON variant (Accept: application/json, or a JSON POST) answers
 * { survey, questions } / { ok } or { error: { code, message, fields } }.
 */

type Lang = 'zh-CN' | 'en';

const TEXT = {
  'zh-CN': {
    title: '满意度调查',
    intro: '感谢您抽出时间评价我们的服务，您的意见将帮助我们改进。',
    required: '必答',
    submit: '提交',
    suggestion: '您的意见和建议（选填）',
    thanks: '提交成功，感谢您的评价！',
    thanksNote: '您的意见已送达，我们会认真改进。',
    problems: '请检查以下问题：',
    isRequired: (q: string) => `“${q}”为必答题`,
    invalidAnswer: (q: string) => `“${q}”的回答无效`,
    worst: '非常不满意',
    best: '非常满意',
    npsLow: '不会推荐',
    npsHigh: '一定推荐',
    yes: '是',
    no: '否',
    until: (d: string) => `本链接仅可提交一次，有效期至 ${d}`,
    switchTo: 'English',
    refused: { LINK_INVALID: '链接无效', LINK_EXPIRED: '链接已过期', LINK_USED: '问卷已提交' } as Record<SurveyLinkProblem, string>,
    refusedNote: {
      LINK_INVALID: '该问卷链接无效或已被新的链接取代，请使用最新收到的消息中的链接。',
      LINK_EXPIRED: '该问卷链接已过期，如需反馈请联系我们的客服。',
      LINK_USED: '该问卷已经提交过了，感谢您的评价！',
    } as Record<SurveyLinkProblem, string>,
    error: '出错了，请稍后再试。',
  },
  en: {
    title: 'Satisfaction survey',
    intro: 'Thank you for taking the time to rate our service: your answers help us improve.',
    required: 'required',
    submit: 'Submit',
    suggestion: 'Your comments and suggestions (optional)',
    thanks: 'Thank you for your answers!',
    thanksNote: 'We have received them and will use them to improve.',
    problems: 'Please check:',
    isRequired: (q: string) => `"${q}" needs an answer`,
    invalidAnswer: (q: string) => `The answer to "${q}" is not valid`,
    worst: 'Very dissatisfied',
    best: 'Very satisfied',
    npsLow: 'Not likely',
    npsHigh: 'Very likely',
    yes: 'Yes',
    no: 'No',
    until: (d: string) => `This link works once, until ${d}`,
    switchTo: '中文',
    refused: { LINK_INVALID: 'Invalid link', LINK_EXPIRED: 'Link expired', LINK_USED: 'Already answered' } as Record<SurveyLinkProblem, string>,
    refusedNote: {
      LINK_INVALID: 'This survey link is not valid or was replaced by a newer one: please use the link in the latest message.',
      LINK_EXPIRED: 'This survey link has expired; contact our service team if you would like to tell us something.',
      LINK_USED: 'This survey was already answered: thank you!',
    } as Record<SurveyLinkProblem, string>,
    error: 'Something went wrong; please try again later.',
  },
};

const STATUS: Record<SurveyLinkProblem, number> = { LINK_INVALID: 404, LINK_EXPIRED: 410, LINK_USED: 410 };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2329}
main{max-width:560px;margin:0 auto;padding:16px}header{display:flex;justify-content:space-between;align-items:center;gap:8px}h1{font-size:20px;margin:8px 0}
.lang{font-size:14px;color:#1677ff;text-decoration:none;white-space:nowrap}.card{background:#fff;border-radius:12px;padding:16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
fieldset{border:0;margin:0;padding:0}legend{font-weight:600;margin-bottom:8px;padding:0}.req{color:#d4380d;font-size:13px;margin-left:4px}
.scale{display:flex;flex-wrap:wrap;gap:6px}.scale label{flex:1 0 40px;text-align:center}.scale input{position:absolute;opacity:0}
.scale span{display:block;padding:10px 0;border:1px solid #d0d5dd;border-radius:8px;background:#fff;min-height:44px}.scale input:checked+span{background:#1677ff;color:#fff;border-color:#1677ff}
.scale input:focus-visible+span{outline:2px solid #1677ff}.ends{display:flex;justify-content:space-between;font-size:12px;color:#667085;margin-top:4px}
.opt{display:flex;align-items:center;gap:10px;padding:10px 0;min-height:44px}.opt input{width:20px;height:20px}
textarea{width:100%;min-height:96px;font:inherit;padding:8px;border:1px solid #d0d5dd;border-radius:8px}
button{width:100%;padding:14px;font-size:17px;border:0;border-radius:10px;background:#1677ff;color:#fff}.problems{border-left:4px solid #d4380d;color:#b42318}
.muted{color:#667085;font-size:13px}.bad{outline:2px solid #d4380d}`;

function page(lang: Lang, title: string, body: string, switchHref: string | null): string {
  const t = TEXT[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main><header><h1>${escape(title)}</h1>${switchHref ? `<a class="lang" href="${escape(switchHref)}">${t.switchTo}</a>` : ''}</header>${body}</main></body></html>`;
}

function scale(q: SurveyQuestion, from: number, to: number, chosen: string | undefined, low: string, high: string): string {
  const items = [];
  for (let v = from; v <= to; v++)
    items.push(`<label><input type="radio" name="q.${escape(q.key)}" value="${v}"${chosen === String(v) ? ' checked' : ''}${q.required ? ' required' : ''}><span>${v}</span></label>`);
  return `<div class="scale">${items.join('')}</div><div class="ends"><span>${low}</span><span>${high}</span></div>`;
}

function questionHtml(lang: Lang, q: SurveyQuestion, values: Record<string, string[]>, bad: Set<string>): string {
  const t = TEXT[lang];
  const chosen = values[`q.${q.key}`] ?? [];
  const name = `q.${escape(q.key)}`;
  let input: string;
  switch (q.kind) {
    case SurveyQuestionKind.RATING:
      input = scale(q, 1, 5, chosen[0], t.worst, t.best);
      break;
    case SurveyQuestionKind.NPS:
      input = scale(q, 0, 10, chosen[0], t.npsLow, t.npsHigh);
      break;
    case SurveyQuestionKind.TEXT:
      input = `<textarea name="${name}" maxlength="2000"${q.required ? ' required' : ''}>${escape(chosen[0] ?? '')}</textarea>`;
      break;
    default: {
      const multiple = q.kind === SurveyQuestionKind.MULTIPLE_CHOICE;
      const label = (o: { value: string; label: string }) => (q.kind === SurveyQuestionKind.YES_NO && lang === 'en' ? (o.value === 'yes' ? t.yes : o.value === 'no' ? t.no : o.label) : o.label);
      input = q.options
        .map((o) => `<label class="opt"><input type="${multiple ? 'checkbox' : 'radio'}" name="${name}" value="${escape(o.value)}"${chosen.includes(o.value) ? ' checked' : ''}${q.required && !multiple ? ' required' : ''}>${escape(label(o))}</label>`)
        .join('');
    }
  }
  return `<div class="card${bad.has(q.key) ? ' bad' : ''}"><fieldset><legend>${escape(q.text)}${q.required ? `<span class="req">*${t.required}</span>` : ''}</legend>${input}</fieldset></div>`;
}

function surveyHtml(lang: Lang, token: string, open: OpenSurvey, values: Record<string, string[]> = {}, problems: FieldProblem[] = []): string {
  const t = TEXT[lang];
  const byKey = (p: FieldProblem) => (p.params as { questionKey?: string } | undefined)?.questionKey ?? open.questions[Number(/^answers\.(\d+)/.exec(p.field)?.[1] ?? -1)]?.key;
  const bad = new Set(problems.map(byKey).filter((k): k is string => !!k));
  const textOf = (key: string | undefined) => open.questions.find((q) => q.key === key)?.text ?? key ?? '';
  const problemList = problems.length
    ? `<div class="card problems" role="alert"><strong>${t.problems}</strong><ul>${problems.map((p) => `<li>${escape(p.reason === 'REQUIRED' ? t.isRequired(textOf(byKey(p))) : t.invalidAnswer(textOf(byKey(p))))}</li>`).join('')}</ul></div>`
    : '';
  const zoneDate = open.expiresAt.toISOString().slice(0, 10);
  const action = `${SURVEY_LINK_PATH}${token}${lang === 'en' ? '?lang=en' : ''}`;
  const body = `<p class="muted">${escape(open.franchiseName)} · ${escape(open.survey.sourceRef)}</p><p>${t.intro}</p>${problemList}
<form method="post" action="${escape(action)}" novalidate>${open.questions.map((q) => questionHtml(lang, q, values, bad)).join('')}
<div class="card"><label for="suggestion"><strong>${t.suggestion}</strong></label><textarea id="suggestion" name="suggestion" maxlength="2000">${escape(values.suggestion?.[0] ?? '')}</textarea></div>
<button type="submit">${t.submit}</button><p class="muted">${t.until(zoneDate)}</p></form>`;
  return page(lang, t.title, body, `${SURVEY_LINK_PATH}${token}${lang === 'en' ? '' : '?lang=en'}`);
}

function messageHtml(lang: Lang, heading: string, note: string): string {
  return page(lang, TEXT[lang].title, `<div class="card" role="status"><h2>${escape(heading)}</h2><p>${escape(note)}</p></div>`, null);
}

/** The form's fields (q.<key> repeated for multiple choice) turned into the service's answers. */
function answersFromForm(questions: SurveyQuestion[], values: Record<string, string[]>): SurveyAnswerInput[] {
  const answers: SurveyAnswerInput[] = [];
  for (const q of questions) {
    const given = (values[`q.${q.key}`] ?? []).map((v) => v.trim()).filter(Boolean);
    if (!given.length) continue;
    if (q.kind === SurveyQuestionKind.RATING || q.kind === SurveyQuestionKind.NPS) answers.push({ questionKey: q.key, value: /^\d{1,2}$/.test(given[0]!) ? Number(given[0]) : -1 });
    else if (q.kind === SurveyQuestionKind.TEXT) answers.push({ questionKey: q.key, text: given[0]!.slice(0, 2000) });
    else answers.push({ questionKey: q.key, choices: given.slice(0, 20) });
  }
  return answers;
}

/** JSON answers taken field by field as the GraphQL input would type them (nothing else passes). */
function answersFromJson(raw: unknown): SurveyAnswerInput[] {
  if (!Array.isArray(raw)) return [];
  return raw.slice(0, 50).map((a: Record<string, unknown>) => ({
    questionKey: String(a?.questionKey ?? '').slice(0, 40),
    value: Number.isInteger(a?.value) ? (a.value as number) : a?.value == null ? null : -1,
    choices: Array.isArray(a?.choices) ? a.choices.filter((c): c is string => typeof c === 'string').slice(0, 20) : null,
    text: typeof a?.text === 'string' ? a.text.slice(0, 2000) : null,
  }));
}

function formValues(body: unknown): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (list.length) values[k] = list;
  }
  return values;
}

const wantsJson = (req: Request) => req.is('application/json') === 'application/json' || req.accepts(['html', 'json']) === 'json';

function refuse(res: Response, json: boolean, lang: Lang, error: SurveyLinkError): void {
  res.status(STATUS[error.code]);
  if (json) return void res.json({ error: { code: error.code, message: error.message } });
  res.type('html').send(messageHtml(lang, TEXT[lang].refused[error.code], TEXT[lang].refusedNote[error.code]));
}

/** Mounts /s/:token (GET the page, POST the answers). */
export function surveyPageRoutes(router: Router, runtime: AppRuntime): void {
  const handle = (work: (req: Request, res: Response, token: string, lang: Lang, json: boolean) => Promise<void>) => async (req: Request, res: Response) => {
    res.locals.logPath = `${SURVEY_LINK_PATH}…`;
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'" });
    const lang: Lang = req.query.lang === 'en' ? 'en' : 'zh-CN';
    const json = wantsJson(req);
    try {
      await work(req, res, String(req.params.token), lang, json);
    } catch (error) {
      if (error instanceof SurveyLinkError) return refuse(res, json, lang, error);
      runtime.logger.error({ err: error, requestId: res.locals.requestId }, 'survey page failed');
      if (json) return void res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal server error' } });
      res.status(500).type('html').send(messageHtml(lang, TEXT[lang].error, ''));
    }
  };

  router.get(`${SURVEY_LINK_PATH}:token`, handle(async (_req, res, token, lang, json) => {
    const open = await openSurveyLink(runtime, token);
    if (json) return void res.json({ survey: { id: open.survey.id, subject: open.survey.sourceRef, franchiseName: open.franchiseName, expiresAt: open.expiresAt.toISOString() }, questions: open.questions });
    res.type('html').send(surveyHtml(lang, token, open));
  }));

  router.post(
    `${SURVEY_LINK_PATH}:token`,
    express.urlencoded({ extended: false, limit: '64kb' }),
    express.json({ limit: '64kb' }),
    handle(async (req, res, token, lang, json) => {
      const open = await openSurveyLink(runtime, token);
      const jsonBody = req.is('application/json') === 'application/json';
      const values = jsonBody ? {} : formValues(req.body);
      const body = (req.body ?? {}) as { answers?: SurveyAnswerInput[]; suggestion?: string | null };
      const answers = jsonBody ? answersFromJson(body.answers) : answersFromForm(open.questions, values);
      const suggestion = jsonBody ? (typeof body.suggestion === 'string' ? body.suggestion : null) : (values.suggestion?.[0]?.slice(0, 2000) ?? null);
      try {
        await answerSurveyLink(runtime, token, { answers, suggestion });
      } catch (error) {
        if (!(error instanceof BadUserInputError)) throw error;
        const problems = (error.extensions.fields as FieldProblem[] | undefined) ?? [];
        res.status(400);
        if (json) return void res.json({ error: { code: ErrorCode.BadUserInput, message: error.message, fields: problems } });
        return void res.type('html').send(surveyHtml(lang, token, open, values, problems));
      }
      if (json) return void res.json({ ok: true });
      res.type('html').send(messageHtml(lang, TEXT[lang].thanks, TEXT[lang].thanksNote));
    }),
  );
}
