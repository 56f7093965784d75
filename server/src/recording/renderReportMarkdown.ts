import {
  formatRoundClock,
  RUBRIC_DIMENSIONS,
  SCORE_LABELS,
  type Score,
  type SessionReport,
} from '@tradeoff/shared'
import { architectureMarkdown } from './architectureMarkdown'

const SIGNALS: Record<string, string> = { '+': 'strength', '-': 'concern', '?': 'to probe', '': '' }

/** Milliseconds as `mm:ss` (or `h:mm:ss` past an hour). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
  return h > 0 ? `${h}:${mmss}` : mmss
}

/** Text for a table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')
}

function score(value: Score | undefined): string {
  return value == null ? '—' : `${value} ${SCORE_LABELS[value]}`
}

/**
 * The review report as Markdown: prompt, phases, the timeline of notes, and the scorecards. Times
 * are shown on the round's clock, as the room showed them (`before start` before it started).
 */
export function renderReportMarkdown(report: SessionReport): string {
  const lines: string[] = []
  lines.push(`# ${report.session.title}`, '')
  lines.push(`Prompt: **${report.prompt.title}**: ${report.prompt.summary}`, '')
  lines.push(
    `Session created ${new Date(report.session.createdAt).toISOString()}, recorded for ${formatClock(report.session.endedAt)}.`,
    '',
    "Times below are on the round's clock, which counts from Start and stops while paused.",
    '',
  )

  lines.push('## Phases', '', '| phase | planned | started at |', '|---|---|---|')
  for (const phase of report.phases) {
    lines.push(
      `| ${cell(phase.name)} | ${phase.minutes} min | ${phase.startedAt === null ? '—' : formatRoundClock(phase.clockMs)} |`,
    )
  }

  lines.push('', '## Notes', '')
  if (report.notes.length === 0) lines.push('No notes were written.')
  else {
    lines.push('| time | author | dimension | signal | note | shapes |', '|---|---|---|---|---|---|')
    for (const note of report.notes) {
      const dimension = RUBRIC_DIMENSIONS.find((d) => d.id === note.dimension)?.label ?? note.dimension
      lines.push(
        `| ${formatRoundClock(note.clockMs)} | ${cell(note.author)} | ${dimension} | ${SIGNALS[note.signal] ?? ''} | ${cell(note.text)} | ${note.shapeIds.length} |`,
      )
    }
  }

  lines.push('', '## Scorecards', '')
  if (report.scorecards.length === 0) lines.push('No scorecards visible to you yet.')
  else {
    const authors = report.scorecards.map((card) => cell(card.author))
    lines.push(`| dimension | ${authors.join(' | ')} |`, `|---|${authors.map(() => '---').join('|')}|`)
    for (const dimension of RUBRIC_DIMENSIONS) {
      lines.push(
        `| ${dimension.label} | ${report.scorecards.map((card) => score(card.scores[dimension.id])).join(' | ')} |`,
      )
    }
    lines.push(`| **Overall** | ${report.scorecards.map((card) => score(card.overall)).join(' | ')} |`)
    lines.push(`| Level | ${report.scorecards.map((card) => card.level ?? '—').join(' | ')} |`)
    for (const card of report.scorecards) {
      lines.push('', `### ${card.author}`, '', card.summary.trim() || '_No summary._')
    }
  }
  if (report.pendingScorecards.length > 0) {
    lines.push('', `Not submitted yet: ${report.pendingScorecards.join(', ')}.`)
  }

  lines.push('', ...architectureMarkdown(report.architecture))

  lines.push('', '## Timeline', '')
  for (const event of report.events) {
    lines.push(`- ${formatRoundClock(event.clockMs)} ${cell(event.detail)}`)
  }
  return `${lines.join('\n')}\n`
}
