import { lazy } from 'react'

/**
 * `ReviewCanvas`, rendered once its chunk is in (inside a `<Suspense>`). Its code is tldraw and
 * everything drawing needs, most of the app's JavaScript: a chunk of its own, fetched once the
 * review's first board is on screen (see ReviewBoardArea).
 */
export const LazyReviewCanvas = lazy(() =>
  import('./ReviewCanvas').then((m) => ({ default: m.ReviewCanvas })),
)
