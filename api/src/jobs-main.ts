import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { startJobRunner } from './job-runner';

/** Job runner entry (`node api/dist/src/jobs-main.js`): works the queues of every module, serves nothing. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runner = await startJobRunner({ ...config, JOBS_ENABLED: true });
  const stop = () => runner.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('PharmaDesk job runner failed to start:', error);
  process.exit(1);
});
