export { Rng } from './framework/rng';
export { runSeeders, DEFAULT_SEED, type Seeder, type SeedContext, type SeedResult } from './framework/seeder';
export { demoSeeders, demoLogins, DEMO_PASSWORD, DEMO_ORGANIZATION, type DemoOrganization } from './demo';
export { generateScaleCustomers } from './scale/customers';
export { generateScaleCases, type ScaleCasesInput, type ScaleCasesResult } from './scale/cases';
export { buildCustomers, CUSTOMERS_PER_FRANCHISE } from './demo/customers';
export { ServiceReplay } from './framework/replay';
