import fs from 'node:fs';
import { buildAppSchema, createPubSub, printContract } from '@pharmadesk/api';
import { CONTRACT_PATH } from '@pharmadesk/api/src/scripts/generate-schema';

describe('schema/schema.graphql', () => {
  it('matches the schema the API code builds (run `pnpm schema:generate` after changing the API)', async () => {
    const fromCode = printContract(await buildAppSchema(createPubSub()));
    const committed = fs.readFileSync(CONTRACT_PATH, 'utf8');
    if (committed !== fromCode) {
      throw new Error('schema/schema.graphql is stale: run `pnpm schema:generate` and commit the result.');
    }
  });
});
