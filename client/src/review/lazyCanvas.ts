import { lazy } from 'react'

/**
 * The review canvas's code: tldraw and everything drawing needs, most of the app's JavaScript.
 * It is a separate chunk, fetched as soon as a review opens (while its data loads) rather than
 * before the app can even ask for the data.
 */
export const loadReviewCanvas = () => import('./ReviewCanvas')

/** `ReviewCanvas`, rendered once its chunk is in (inside a `<Suspense>`). */
export const LazyReviewCanvas = lazy(() => loadReviewCanvas().then((m) => ({ default: m.ReviewCanvas })))
