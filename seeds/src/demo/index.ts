import type { Seeder } from '../framework/seeder';
import { analysisSeeder } from './analysis';
import { surveyProjectsSeeder } from './survey-projects';
import { appointmentsSeeder } from './appointments';
import { appraisalsSeeder } from './appraisals';
import { callsSeeder } from './calls';
import { casesSeeder } from './cases';
import { customersSeeder } from './customers';
import { inventorySeeder } from './inventory';
import { journeySeeder } from './journey';
import { knowledgeSeeder } from './knowledge';
import { notificationsSeeder } from './notifications';
import { ordersSeeder } from './orders';
import { organizationSeeder } from './organization';
import { laterPluginsSeeder, pluginsSeeder } from './plugins';
import { reportsSeeder } from './reports';
import { returnsSeeder } from './returns';
import { surveysSeeder } from './surveys';

export { DEMO_PASSWORD, demoLogins, DEMO_ORGANIZATION, type DemoOrganization } from './organization';

/**
 * The demo data set, in dependency order. Each module adds its seeder here
 * (organizations and staff first, then customers, cases, orders...).
 */
export const demoSeeders: Seeder[] = [organizationSeeder, knowledgeSeeder, customersSeeder, pluginsSeeder, casesSeeder, notificationsSeeder, laterPluginsSeeder, inventorySeeder, ordersSeeder, returnsSeeder, appointmentsSeeder, journeySeeder, surveysSeeder, callsSeeder, appraisalsSeeder, analysisSeeder, surveyProjectsSeeder, reportsSeeder];
