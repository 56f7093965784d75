import { startEarlyReviewRequests } from './review/earlyReview'
import { startTheme } from './ui/theme'

// The page's first script: a review's requests start before the app's code has loaded.
startEarlyReviewRequests()

// The root element gets the person's theme before the first paint.
startTheme()
