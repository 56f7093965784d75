import type { Prompt, PromptSummary } from '@tradeoff/shared'
import { type ApiOptions, apiGet } from './apiClient'

/** `GET /api/prompts`: the prompt library, as shown in lists. */
export function listPrompts(options?: ApiOptions): Promise<PromptSummary[]> {
  return apiGet<PromptSummary[]>('/api/prompts', options)
}

/** `GET /api/prompts/:id`: one whole prompt, interviewer guide included. */
export function getPrompt(id: string, options?: ApiOptions): Promise<Prompt> {
  return apiGet<Prompt>(`/api/prompts/${encodeURIComponent(id)}`, options)
}
