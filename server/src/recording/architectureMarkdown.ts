import { type BoardArchitecture, COMPONENT_KIND_NAMES } from '@tradeoff/shared/architecture'

/** Text for a table cell or a list item: one line, pipes escaped. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim()
}

/**
 * The report's architecture section as Markdown lines: components counted by kind, each with its
 * label and caption, then each estimate card with its rows as written (`name = expr`).
 */
export function architectureMarkdown(architecture: BoardArchitecture): string[] {
  const lines = ['## Architecture', '']
  const { counts, components, estimates } = architecture
  if (components.length === 0 && estimates.length === 0) {
    lines.push('No architecture components or estimates were on the board at the end.')
    return lines
  }
  if (components.length > 0) {
    lines.push(counts.map(({ kind, count }) => `${COMPONENT_KIND_NAMES[kind]} ×${count}`).join(', '), '')
    lines.push('| kind | label | caption |', '|---|---|---|')
    for (const c of components) {
      lines.push(
        `| ${COMPONENT_KIND_NAMES[c.kind]} | ${inline(c.label) || '—'} | ${inline(c.caption) || '—'} |`,
      )
    }
  }
  for (const estimate of estimates) {
    lines.push('', `### Estimate: ${inline(estimate.title) || 'untitled'}`, '')
    if (estimate.rows.length === 0) lines.push('No rows.')
    for (const row of estimate.rows) {
      const name = inline(row.name)
      const shown = row.shown ? ` → ${inline(row.shown)}` : ''
      lines.push(`- \`${name ? `${name} = ` : ''}${inline(row.expr).replace(/`/g, "'")}\`${shown}`)
    }
  }
  return lines
}
