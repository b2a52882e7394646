import path from 'node:path';

// api/src/version.ts in tests, api/dist/src/version.js when built: package.json sits above either.
const packageJson = path.resolve(__dirname, __filename.endsWith('.ts') ? '..' : '../..', 'package.json');

export const API_VERSION: string = (require(packageJson) as { version: string }).version;
