/** Small Markdown helpers for the review report: inline code, table cells, truncation. */

const MAX_VALUE = 100;

/** A value as inline code: strings as they are, everything else as JSON, long values shortened. */
export function code(value: unknown): string {
  if (value === undefined) return '_(absent)_';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
  // A backtick inside needs a longer fence; newlines would break the line.
  const flat = short.replace(/\r?\n/g, '⏎');
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${flat}${fence === '``' ? ' ' : ''}${fence}`;
}

/** A table cell: pipes escaped so the row keeps its columns. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** The first `limit` list items, then one item counting the rest (indented like nested items when asked). */
export function capped(lines: readonly string[], limit: number, indent = ''): string[] {
  return lines.length <= limit ? [...lines] : [...lines.slice(0, limit), `${indent}- … and ${lines.length - limit} more`];
}

/**
 * The report cut to fit a size (GitHub refuses comments over 65,536 characters): whole sections
 * are dropped from the end and a note says where the full report is.
 */
export function fitReport(report: string, limit: number, fullReportAt: string): string {
  if (report.length <= limit) return report;
  const note = (dropped: number): string => `\n\n> [!NOTE]\n> ${dropped} cluster section(s) did not fit in this comment: the full report is ${fullReportAt}.\n`;
  const sections = report.split(/\n(?=## )/);
  let kept = sections.length;
  while (kept > 1 && sections.slice(0, kept).join('\n').length + note(sections.length - kept).length > limit) kept--;
  const text = `${sections.slice(0, kept).join('\n')}${note(sections.length - kept)}`;
  return text.length <= limit ? text : `${text.slice(0, limit - note(sections.length - 1).length)}${note(sections.length - 1)}`;
}

/** A collapsed block (GitHub renders `<details>`). */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** The first `limit` table rows, then one row counting the rest. */
export function cappedRows(rows: readonly (readonly string[])[], limit: number): (readonly string[])[] {
  if (rows.length <= limit) return [...rows];
  const width = rows[0]!.length;
  return [...rows.slice(0, limit), [`… and ${rows.length - limit} more`, ...Array<string>(width - 1).fill('')]];
}
