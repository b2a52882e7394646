import 'reflect-metadata';
import { ConfigError, createLogger, ensurePluginsLoaded, loadConfig, openOwnerDatabase } from '@pharmadesk/api';

import { demoSeeders } from './demo';
import { runSeeders } from './framework/seeder';

/** `pnpm seed`: writes the demo data into the configured database (embedded or DATABASE_URL) if it is empty. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  // The modules and plugins make up the ORM's entities and the seeders' services (as the server loads them).
  ensurePluginsLoaded();
  const database = await openOwnerDatabase(config, logger);
  try {
    const result = await runSeeders(database.orm, demoSeeders, { logger });
    if (result.refused) {
      console.error(`Not seeded: ${result.refused}.`);
      process.exitCode = 2;
    } else {
      console.log(`Seeded: ${result.ran.join(', ') || 'nothing new'}; already present: ${result.skipped.join(', ') || 'none'}.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
