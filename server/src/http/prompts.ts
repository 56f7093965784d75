import { type Prompt, promptIdSchema, summarizePrompt } from '@tradeoff/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from './errors'

/** `GET /api/prompts` (summaries) and `GET /api/prompts/:id` (the whole prompt, guide included). */
export function registerPromptRoutes(
  app: FastifyInstance,
  prompts: ReadonlyMap<string, Prompt>,
  requireAdmin: (request: FastifyRequest) => void,
): void {
  const summaries = [...prompts.values()].map(summarizePrompt)

  app.get('/api/prompts', async (request) => {
    requireAdmin(request)
    return summaries
  })

  app.get<{ Params: { id: string } }>('/api/prompts/:id', async (request) => {
    requireAdmin(request)
    const id = request.params.id
    const prompt = promptIdSchema.safeParse(id).success ? prompts.get(id) : undefined
    if (!prompt) throw new ApiError(404, 'unknown_prompt', `no prompt with id "${id.slice(0, 80)}"`)
    return prompt
  })
}
