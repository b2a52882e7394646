/**
 * Knowledge articles are Markdown; a reply goes to the customer as plain text. Headings become
 * their own line (with 【】), emphasis and code marks go, links keep their text, list items get a
 * "· " bullet, so the customer reads what the agent read.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\r\n/g, '\n')
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/, '【$1】')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^(\s*)[-*+]\s+\[[ xX]\]\s+/, '$1· ')
        .replace(/^(\s*)[-*+]\s+/, '$1· ')
        .replace(/^\s*([-*_])(\s*\1){2,}\s*$/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^*\w])[*_](?!\s)(.+?)(?<!\s)[*_](?![*\w])/g, '$1$2')
        .replace(/~~(.+?)~~/g, '$1')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/^\|(.*)\|$/, (_, cells: string) => (/^[\s|:-]+$/.test(cells) ? '' : cells.split('|').map((c) => c.trim()).join('  '))),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
