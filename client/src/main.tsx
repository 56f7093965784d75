import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import 'tldraw/tldraw.css'
import './ui/app.css'
import { App } from './App'
import { prefetchReview } from './review/useReviewData'

// A review's data and canvas start loading now, not after the first render.
prefetchReview()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
