import path from 'node:path';

/** exceljs as the panel has it (the tests package does not depend on it), to write uploads and read exports. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ExcelJS = require(require.resolve('exceljs', { paths: [path.resolve(__dirname, '../../../admin')] }));
