import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/auth/authorization';
import { clock } from '../../core/clock';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors';
import { publishEvent } from '../../core/events/outbox';
import { parseDay } from '../../core/read/report-period';
import { applyUpdate, checkVersion } from '../../core/services/updates';
import { OrgUnit, OrgUnitKind } from '../org/org-unit.entity';
import { findOrgUnit } from '../org/org.service';
import { ThirdPartySurveyProject, ThirdPartySurveyResult } from './project.entity';
import { readUpload, validateRows } from './project-import';
import type { CreateThirdPartySurveyProjectInput, ImportThirdPartySurveyResultsInput, ThirdPartySurveyImport, UpdateThirdPartySurveyProjectInput } from './project.types';

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** Third-party projects are HQ's: HQ staff only (the permission is HQ's too; this holds for keys and custom roles). */
function requireHq(ctx: RequestContext) {
  const actor = requireActor(ctx);
  if (!actor.isHq) throw new ForbiddenError('Third-party survey projects are HQ’s');
  return actor;
}

const text = (field: string, value: string) => {
  if (!value.trim()) throw new BadUserInputError({ field, message: 'must not be blank', reason: 'REQUIRED' });
  return value.trim();
};
const optional = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

function checkDates(startDate: string, endDate: string) {
  const from = parseDay('startDate', startDate);
  const to = parseDay('endDate', endDate);
  if (to < from) throw new BadUserInputError({ field: 'endDate', message: 'must not be before startDate', reason: 'RANGE' });
  if ((to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_DAYS) throw new BadUserInputError({ field: 'endDate', message: `a project spans at most ${MAX_DAYS} days`, reason: 'RANGE', params: { max: MAX_DAYS } });
}

/** The project's stores: each a store (any franchise's), their codes set and distinct (imported rows name stores by code). */
async function projectStores(ctx: RequestContext, storeIds: readonly string[]): Promise<OrgUnit[]> {
  const ids = [...new Set(storeIds)];
  const stores = await Promise.all(ids.map((id) => findOrgUnit(ctx, id)));
  const codes = new Map<string, string>();
  return stores.map((store, i) => {
    if (!store || store.kind !== OrgUnitKind.STORE) throw new NotFoundError('Store', ids[i]!);
    if (!store.code) throw new BadUserInputError({ field: 'storeIds', message: `store ${store.name} has no code (imported rows name stores by code)`, reason: 'STORE_WITHOUT_CODE', params: { storeId: store.id } });
    if (codes.has(store.code)) throw new BadUserInputError({ field: 'storeIds', message: `stores ${codes.get(store.code)} and ${store.name} share the code ${store.code}`, reason: 'DUPLICATE_STORE_CODE', params: { code: store.code } });
    codes.set(store.code, store.name);
    return store;
  });
}

export async function getProject(ctx: RequestContext, id: string): Promise<ThirdPartySurveyProject> {
  requireHq(ctx);
  const project = await ctx.em.findOne(ThirdPartySurveyProject, { id });
  if (!project) throw new NotFoundError('Third-party survey project', id);
  return project;
}

export async function createProject(ctx: RequestContext, input: CreateThirdPartySurveyProjectInput): Promise<ThirdPartySurveyProject> {
  const actor = requireHq(ctx);
  checkDates(input.startDate, input.endDate);
  const stores = await projectStores(ctx, input.storeIds);
  const project = ctx.em.create(ThirdPartySurveyProject, {
    franchiseId: actor.franchiseId,
    name: text('name', input.name),
    firm: text('firm', input.firm),
    scope: optional(input.scope),
    storeIds: stores.map((s) => s.id),
    startDate: input.startDate,
    endDate: input.endDate,
    notes: optional(input.notes),
    createdById: actor.id,
  });
  await ctx.em.flush();
  return project;
}

export async function updateProject(ctx: RequestContext, input: UpdateThirdPartySurveyProjectInput): Promise<ThirdPartySurveyProject> {
  const project = await getProject(ctx, input.id);
  checkVersion(project, input.version, 'Third-party survey project');
  const startDate = input.startDate ?? project.startDate;
  const endDate = input.endDate ?? project.endDate;
  checkDates(startDate, endDate);
  const storeIds = input.storeIds ? (await projectStores(ctx, input.storeIds)).map((s) => s.id) : project.storeIds;
  applyUpdate(project, {
    ...(input.name != null ? { name: text('name', input.name) } : {}),
    ...(input.firm != null ? { firm: text('firm', input.firm) } : {}),
    ...(input.scope !== undefined ? { scope: optional(input.scope) } : {}),
    ...(input.notes !== undefined ? { notes: optional(input.notes) } : {}),
    storeIds,
    startDate,
    endDate,
  });
  await ctx.em.flush();
  return project;
}

/**
 * Imports the firm's results: every row validated first (a bad row imports nothing, the error
 * names its row and column), then the project's previous results replaced by these in the
 * request's transaction, so importing the same file twice leaves the same results.
 */
export async function importResults(ctx: RequestContext, input: ImportThirdPartySurveyResultsInput): Promise<ThirdPartySurveyImport> {
  const project = await getProject(ctx, input.projectId);
  checkVersion(project, input.version, 'Third-party survey project');
  const table = await readUpload(input.fileName, input.contentBase64, input.format);
  const stores = await projectStores(ctx, project.storeIds);
  const byCode = new Map(stores.map((s) => [s.code!, s.id]));
  const rows = validateRows(table, { storeCodes: new Set(byCode.keys()), startDate: project.startDate, endDate: project.endDate });
  const replacedRows = await ctx.em.nativeDelete(ThirdPartySurveyResult, { projectId: project.id });
  const now = clock.now();
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.em.insertMany(
      ThirdPartySurveyResult,
      rows.slice(i, i + 1000).map((r) => ({
        id: randomUUID(),
        version: 1,
        franchiseId: project.franchiseId,
        projectId: project.id,
        rowNo: r.rowNo,
        storeId: byCode.get(r.storeCode)!,
        day: r.day,
        question: r.question,
        score: r.score,
        respondents: r.respondents,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }
  const respondents = rows.reduce((sum, r) => sum + r.respondents, 0);
  applyUpdate(project, { importedAt: now, importedFileName: input.fileName, importedRows: rows.length, importedRespondents: respondents });
  await ctx.em.flush();
  await publishEvent(ctx, 'survey_project.imported', project.franchiseId, { projectId: project.id, fileName: input.fileName, rows: rows.length, respondents, replacedRows });
  return { project, rows: rows.length, respondents, replacedRows };
}
