import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printContract } from '../core/graphql/schema';
import { createPubSub } from '../core/pubsub';
import { loadConfig } from '../config';
import { loadInstalledPlugins } from '../plugins';

/** `pnpm schema:generate`: writes schema/schema.graphql from the API code. */
export const CONTRACT_PATH = path.resolve(__dirname, __filename.endsWith('.ts') ? '../../..' : '../../../..', 'schema', 'schema.graphql');

if (require.main === module) {
  loadInstalledPlugins(loadConfig());
  buildAppSchema(createPubSub())
    .then((schema) => {
      fs.writeFileSync(CONTRACT_PATH, printContract(schema));
      console.log(`wrote ${path.relative(process.cwd(), CONTRACT_PATH)}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
