import type { Caller } from '../actors';
import type { TestApp } from '../app';
import { casesAuditScenario } from './cases';
import { eventsAuditScenario } from './events';
import { knowledgeAuditScenario } from './knowledge';
import { notificationsAuditScenario } from './notifications';
import { pluginsAuditScenario } from './plugins';
import { inventoryAuditScenario } from './inventory';
import { stockControlAuditScenario } from './stock-control';
import { stockDocumentsAuditScenario } from './stock-documents';
import { ordersAuditScenario } from './orders';
import { returnsAuditScenario } from './returns';
import { appointmentsAuditScenario } from './appointments';
import { journeyAuditScenario } from './journey';
import { surveysAuditScenario } from './surveys';
import { callsAuditScenario } from './calls';
import { appraisalAuditScenario, qualityAuditScenario } from './quality';
import { reportsAuditScenario } from './reports';
import { analysisAuditScenario } from './analysis';
import { surveyProjectsAuditScenario } from './survey-projects';
import { teamsAuditScenario } from './teams';

/**
 * Per-module parts of the audit test (tests/identity/pii-and-audit.test.ts): each runs
 * every mutation of its module once, through `run`, so the test can check that every
 * mutation of the schema was run and left an audit entry.
 */
export interface AuditScenarioTools {
  app: TestApp;
  hq: Caller;
  owner: Caller;
  run(caller: Caller, operation: string, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
}
export type AuditScenario = (tools: AuditScenarioTools) => Promise<void>;

export const auditScenarios: AuditScenario[] = [];
auditScenarios.push(knowledgeAuditScenario);
auditScenarios.push(casesAuditScenario);
auditScenarios.push(pluginsAuditScenario);
auditScenarios.push(notificationsAuditScenario);
auditScenarios.push(inventoryAuditScenario);
auditScenarios.push(stockDocumentsAuditScenario);
auditScenarios.push(stockControlAuditScenario);
auditScenarios.push(ordersAuditScenario);
auditScenarios.push(returnsAuditScenario);
auditScenarios.push(appointmentsAuditScenario);
auditScenarios.push(journeyAuditScenario);
auditScenarios.push(surveysAuditScenario);
auditScenarios.push(callsAuditScenario);
auditScenarios.push(qualityAuditScenario);
auditScenarios.push(appraisalAuditScenario);
auditScenarios.push(reportsAuditScenario);
auditScenarios.push(analysisAuditScenario);
auditScenarios.push(surveyProjectsAuditScenario);
auditScenarios.push(teamsAuditScenario);
auditScenarios.push(eventsAuditScenario);
