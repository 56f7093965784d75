import { startEarlyReviewRequests } from './review/earlyReview'

// The page's first script: a review's requests start before the app's code has loaded.
startEarlyReviewRequests()
