/** The explorer's public API: shortest loss, smallest safe change, replay. Pure and DOM-free. */
export { DEFAULT_DEPTH, MAX_DEPTH, findShortestLoss, replay, userHpaNames, isLossKind, type ExploreOptions, type Loss, type LossKind, type ShortestLoss } from './search.ts';
export { findSafeChanges, applySafeChange, catalogue, releaseChanges, applyEdits, PROTECT_FINALIZER, type Change, type EditChange, type ReleaseChange, type SafeChange, type SafeChangeOptions } from './changes.ts';
export { candidateEvents, stateKey, EDIT_CLASSES, type SpaceOptions } from './space.ts';
