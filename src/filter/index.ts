/**
 * The filter language: types, validation and normalization, in-memory
 * evaluation (where, order, fields) and LoopBack 4's builders.
 */
export * from './types';
export {InvalidFilterError} from './invalid-filter-error';
export {normalizeFilter, normalizeWhere} from './normalize-filter';
export {normalizeOrder} from './normalize-order';
export {normalizeFields} from './normalize-fields';
export {normalizeInclude} from './normalize-include';
export {normalizeLimit, normalizeSkip} from './normalize-pagination';
export {compileWhere} from './where-matcher';
export type {RecordPredicate} from './where-matcher';
export {compareByOrder} from './order';
export type {RecordComparator} from './order';
export {pickFields} from './fields';
export {likeToRegExp} from './like-pattern';
export {WhereBuilder} from './where-builder';
export {FilterBuilder} from './filter-builder';
export {filterTemplate} from './filter-template';
