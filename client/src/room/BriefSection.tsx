import type { CandidatePromptView } from '@tradeoff/shared'
import { Markdown } from './Markdown'

type BriefContent = Pick<
  CandidatePromptView,
  'brief' | 'scale' | 'functionalRequirements' | 'nonFunctionalRequirements'
>

/** The candidate's brief: the scenario, the requirements and the scale, as the candidate sees them. */
export function BriefSection({ prompt }: { prompt: BriefContent }) {
  return (
    <div className="brief" data-testid="brief">
      <Markdown source={prompt.brief} />
      <TextList title="Functional requirements" items={prompt.functionalRequirements} />
      <TextList title="Non-functional requirements" items={prompt.nonFunctionalRequirements} />
      <TextList title="Scale" items={prompt.scale} />
    </div>
  )
}

/** A titled bulleted list of lines, as prompts keep requirements and figures. */
export function TextList({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null
  return (
    <section className="text-list">
      <h4>{title}</h4>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  )
}
