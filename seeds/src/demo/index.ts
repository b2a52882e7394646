import type { Seeder } from '../framework/seeder';

/**
 * The demo data set, in dependency order. Each module adds its seeder here
 * (organizations and staff first, then customers, cases, orders...).
 */
export const demoSeeders: Seeder[] = [];

/** Sign-in accounts the launcher prints on a fresh database (filled by the identity seeder). */
export const demoLogins: { email: string; role: string }[] = [];
export const DEMO_PASSWORD = 'PharmaDesk-demo-2026';
