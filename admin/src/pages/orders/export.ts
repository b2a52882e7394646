import { request } from '../../data/request';

/** Most rows one export reads (200 a page through the list's own query). */
export const EXPORT_MAX = 10_000;
const PAGE = 200;

export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
}

/** Every row of a named list query for the filters and sorting on screen, page by page (the same query as the table). */
export async function readAll<T>(operation: string, field: string, variables: { filter?: unknown; sorting?: unknown }, onProgress?: (count: number) => void): Promise<{ rows: T[]; capped: boolean }> {
  const rows: T[] = [];
  for (let offset = 0; offset < EXPORT_MAX; offset += PAGE) {
    const data = await request<Record<string, { totalCount: number; nodes: T[] }>>(operation, { ...variables, paging: { limit: PAGE, offset } });
    const page = data[field]!;
    rows.push(...page.nodes);
    onProgress?.(rows.length);
    if (rows.length >= page.totalCount || page.nodes.length < PAGE) return { rows, capped: false };
  }
  return { rows, capped: true };
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const csvCell = (value: unknown) => {
  const text = value == null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV with a BOM (Excel reads the Chinese right) or XLSX (exceljs, loaded only when asked for). */
export async function exportRows<T>(format: 'csv' | 'xlsx', name: string, columns: ExportColumn<T>[], rows: T[]): Promise<void> {
  const matrix = rows.map((row) => columns.map((c) => c.value(row) ?? ''));
  if (format === 'csv') {
    const text = [columns.map((c) => csvCell(c.title)).join(','), ...matrix.map((r) => r.map(csvCell).join(','))].join('\r\n');
    download(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
    return;
  }
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name.slice(0, 31));
  sheet.addRow(columns.map((c) => c.title)).font = { bold: true };
  for (const r of matrix) sheet.addRow(r);
  sheet.columns.forEach((column, i) => (column.width = Math.min(40, Math.max(10, ...matrix.slice(0, 200).map((r) => String(r[i] ?? '').length + 2), columns[i]!.title.length * 2))));
  const buffer = await book.xlsx.writeBuffer();
  download(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${name}.xlsx`);
}

/** A list's export: every row the filters and sorting on screen select (the table's own query, page by page), written as CSV or XLSX. */
export async function exportQuery<T>(format: 'csv' | 'xlsx', name: string, columns: ExportColumn<T>[], operation: string, field: string, variables: { filter?: unknown; sorting?: unknown }): Promise<{ count: number; capped: boolean }> {
  const { rows, capped } = await readAll<T>(operation, field, variables);
  await exportRows(format, name, columns, rows);
  return { count: rows.length, capped };
}
