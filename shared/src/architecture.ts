/**
 * Imported as `@tradeoff/shared/architecture`: the architecture components' kinds and names and
 * the summary of a board's architecture, without tldraw's schema code (see `shapes/` for that).
 */
export * from './shapes/architecture'
export * from './shapes/componentKinds'
export * from './shapes/richTextPlain'
