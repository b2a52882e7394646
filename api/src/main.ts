import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { startServer, stopOnSignals } from './server';

/** Process entry: config -> database -> app -> listen. No demo data (see seeds/ for `pnpm start`). */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  stopOnSignals(server, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('PharmaDesk API failed to start:', error);
  process.exit(1);
});
