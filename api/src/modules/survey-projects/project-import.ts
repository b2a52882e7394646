import ExcelJS from 'exceljs';
import { AppError, ErrorCode } from '../../core/errors';

/**
 * The import format of third-party survey results (the admin offers it as a template file):
 * CSV (UTF-8, comma separated, a BOM allowed) or XLSX (the first worksheet). The first row
 * names the columns, in English or Chinese, in any order:
 *
 * | column       | 中文     | required | value |
 * |--------------|----------|----------|-------|
 * | store_code   | 门店编码 | yes      | the store's code, one of the project's stores |
 * | date         | 日期     | yes      | YYYY-MM-DD, within the project's dates |
 * | question     | 问题     | yes      | the question or metric, as the firm names it |
 * | score        | 得分     | yes      | 1 to 5 (decimals allowed: the mean of the row's respondents) |
 * | count        | 人数     | no       | respondents behind the score, a whole number ≥ 1 (default 1: respondent-level rows) |
 *
 * Rows are numbered as in a spreadsheet (the header is row 1). Any bad row fails the whole
 * import (nothing is imported): the error names the first bad row and column
 * (extensions.row, extensions.column) and lists up to 50 problems (extensions.errors).
 */
export const IMPORT_COLUMNS = [
  { key: 'store_code', zh: '门店编码', required: true },
  { key: 'date', zh: '日期', required: true },
  { key: 'question', zh: '问题', required: true },
  { key: 'score', zh: '得分', required: true },
  { key: 'count', zh: '人数', required: false },
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['key'];

/** Under the API's request body limit (1 MB by default) once base64-encoded. */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_LABEL = '512 KB';
export const MAX_IMPORT_ROWS = 10_000;
const MAX_LISTED = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export enum ImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

export interface ImportProblem {
  /** Spreadsheet row number (header = 1); 0 for the file as a whole. */
  row: number;
  column: ImportColumn | null;
  message: string;
  messageZh: string;
}

export interface ParsedResult {
  rowNo: number;
  storeCode: string;
  day: string;
  question: string;
  score: number;
  respondents: number;
}

/** What a row's values must satisfy besides their shape (the project's stores and dates). */
export interface ImportContext {
  storeCodes: ReadonlySet<string>;
  startDate: string;
  endDate: string;
}

/** BAD_USER_INPUT for an import, naming the first problem's row and column, in Chinese and English. */
export function importError(problems: ImportProblem[]): AppError {
  const first = problems[0]!;
  const where = first.row ? `Row ${first.row}${first.column ? `, column ${first.column}` : ''}: ` : '';
  const whereZh = first.row ? `第 ${first.row} 行${first.column ? `「${first.column}」列` : ''}：` : '';
  const more = problems.length > 1 ? ` (+${problems.length - 1})` : '';
  return new AppError(ErrorCode.BadUserInput, `${whereZh}${first.messageZh} / ${where}${first.message}${more}; nothing was imported`, {
    field: 'content',
    reason: 'IMPORT_INVALID',
    row: first.row,
    column: first.column,
    errors: problems.slice(0, MAX_LISTED),
    errorCount: problems.length,
  });
}

const fileProblem = (message: string, messageZh: string) => importError([{ row: 0, column: null, message, messageZh }]);

/** Decodes the upload (base64), refusing it past the size limit. */
export function decodeUpload(contentBase64: string): Buffer {
  if (contentBase64.length > Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4) {
    throw fileProblem(`the file is larger than ${MAX_IMPORT_LABEL}`, `文件超过 ${MAX_IMPORT_LABEL} 上限`);
  }
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw fileProblem(`the file is larger than ${MAX_IMPORT_LABEL}`, `文件超过 ${MAX_IMPORT_LABEL} 上限`);
  if (bytes.length === 0) throw fileProblem('the file is empty', '文件为空');
  return bytes;
}

export function formatOf(fileName: string, format?: ImportFormat | null): ImportFormat {
  if (format) return format;
  if (/\.xlsx$/i.test(fileName)) return ImportFormat.XLSX;
  if (/\.csv$/i.test(fileName)) return ImportFormat.CSV;
  throw fileProblem('name a .csv or .xlsx file (or give the format)', '请上传 .csv 或 .xlsx 文件（或指明格式）');
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += '"', i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** An XLSX cell's value as text: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

export async function parseXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileProblem('the file is not a readable XLSX workbook', '文件不是可读取的 XLSX 工作簿');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileProblem('the workbook has no worksheet', '工作簿没有工作表');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) values.push(cellText(row.getCell(c).value));
    rows[rowNumber - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** The header row's columns: index of each known column; unknown or missing required ones are problems of row 1. */
function readHeader(header: string[]): { index: Map<ImportColumn, number>; problems: ImportProblem[] } {
  const index = new Map<ImportColumn, number>();
  const problems: ImportProblem[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!name) return;
    const column = IMPORT_COLUMNS.find((c) => c.key === name || c.zh === raw.trim());
    if (!column) problems.push({ row: 1, column: null, message: `unknown column "${raw.trim()}"`, messageZh: `未知的列「${raw.trim()}」` });
    else if (index.has(column.key)) problems.push({ row: 1, column: column.key, message: 'the column appears twice', messageZh: '该列重复出现' });
    else index.set(column.key, i);
  });
  for (const c of IMPORT_COLUMNS) {
    if (c.required && !index.has(c.key)) problems.push({ row: 1, column: c.key, message: `the column ${c.key} (${c.zh}) is missing`, messageZh: `缺少「${c.key}（${c.zh}）」列` });
  }
  return { index, problems };
}

/**
 * Every row checked against the format and the project; the rows when all are good, else the
 * import error listing the problems (nothing is imported).
 */
export function validateRows(table: string[][], context: ImportContext): ParsedResult[] {
  const isBlank = (r: string[]) => r.every((v) => !v.trim());
  const headerAt = table.findIndex((r) => !isBlank(r));
  if (headerAt < 0) throw fileProblem('the file has no header row', '文件没有表头行');
  const { index, problems } = readHeader(table[headerAt]!);
  if (problems.length) throw importError(problems);
  const dataRows = table.length - headerAt - 1;
  if (dataRows > MAX_IMPORT_ROWS) throw fileProblem(`the file has more than ${MAX_IMPORT_ROWS} rows`, `文件超过 ${MAX_IMPORT_ROWS} 行上限`);
  const results: ParsedResult[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const row = table[i]!;
    if (isBlank(row)) continue;
    const rowNo = i + 1;
    const value = (c: ImportColumn) => (index.has(c) ? (row[index.get(c)!] ?? '').trim() : '');
    const bad = (column: ImportColumn, message: string, messageZh: string) => problems.push({ row: rowNo, column, message, messageZh });
    const before = problems.length;
    const storeCode = value('store_code');
    if (!storeCode) bad('store_code', 'the store code is missing', '门店编码为空');
    else if (!context.storeCodes.has(storeCode)) bad('store_code', `store ${storeCode} is not one of the project's stores`, `门店 ${storeCode} 不在本项目的门店中`);
    const day = value('date');
    if (!DAY.test(day) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) bad('date', 'the date must be YYYY-MM-DD', '日期须为 YYYY-MM-DD');
    else if (day < context.startDate || day > context.endDate) bad('date', `the date is outside the project (${context.startDate} to ${context.endDate})`, `日期不在项目期间（${context.startDate} 至 ${context.endDate}）内`);
    const question = value('question');
    if (!question) bad('question', 'the question is missing', '问题为空');
    else if (question.length > 200) bad('question', 'the question is longer than 200 characters', '问题超过 200 个字符');
    const scoreText = value('score');
    const score = Number(scoreText);
    if (!scoreText || !Number.isFinite(score) || score < 1 || score > 5) bad('score', 'the score must be a number from 1 to 5', '得分须为 1 到 5 之间的数');
    const countText = value('count');
    const respondents = countText ? Number(countText) : 1;
    if (!Number.isInteger(respondents) || respondents < 1 || respondents > 100_000) bad('count', 'the count must be a whole number from 1 to 100000', '人数须为 1 到 100000 之间的整数');
    if (problems.length === before) results.push({ rowNo, storeCode, day, question, score, respondents });
  }
  if (problems.length) throw importError(problems);
  if (!results.length) throw fileProblem('the file has no data rows', '文件没有数据行');
  return results;
}

/** The upload read into rows of text cells. */
export async function readUpload(fileName: string, contentBase64: string, format?: ImportFormat | null): Promise<string[][]> {
  const kind = formatOf(fileName, format);
  const bytes = decodeUpload(contentBase64);
  return kind === ImportFormat.XLSX ? parseXlsx(bytes) : parseCsv(bytes.toString('utf8'));
}
