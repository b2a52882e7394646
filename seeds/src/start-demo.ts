import 'reflect-metadata';
import { ConfigError, loadConfig, startServer, stopOnSignals } from '@pharmadesk/api';
import { buildAdminIfStale } from './admin-build';
import { DEMO_PASSWORD, demoLogins, demoSeeders } from './demo';
import { runSeeders } from './framework/seeder';

/**
 * `pnpm start`: the API and admin on one port, on the embedded database unless
 * DATABASE_URL is set, with demo data on an empty database.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let seededNow = false;
  const server = await startServer(config, {
    async afterMigrate(orm, { embedded, logger }) {
      const wanted = config.SEED_DEMO_DATA === 'true' || (config.SEED_DEMO_DATA === 'auto' && embedded);
      if (!wanted) return;
      const result = await runSeeders(orm, demoSeeders, { logger });
      seededNow = result.ran.length > 0;
    },
  });
  stopOnSignals(server, config.SHUTDOWN_TIMEOUT_MS);
  buildAdminIfStale(config.repoRoot, config.ADMIN_DIST_DIR, server.logger);

  const lines = [
    '',
    `  PharmaDesk is running: ${server.url}`,
    `  GraphQL (HTTP and WebSocket): ${server.url}/graphql`,
    `  Database: ${server.database.embedded ? `embedded PostgreSQL in ${server.database.embedded.dataDir}` : 'DATABASE_URL'}`,
  ];
  if (demoLogins.length) {
    lines.push(`  Demo logins${seededNow ? ' (created now)' : ''}, password ${DEMO_PASSWORD}:`);
    for (const login of demoLogins) lines.push(`    ${login.email.padEnd(24)} ${login.role}`);
  }
  lines.push('  Stop with Ctrl+C.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('PharmaDesk failed to start:', error);
  process.exit(1);
});
