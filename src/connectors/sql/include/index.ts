export {IncludeHost} from './include-host';
export {IncludeLevel, LevelStrategy} from './include-level';
export {planIncludeLevels, estimateRootRows, PlannerOptions, RootEstimate} from './plan-include-levels';
export {runIncludeTree} from './run-include-tree';
export {debugEnabled, explainSink, formatStep} from './explain-plan';
