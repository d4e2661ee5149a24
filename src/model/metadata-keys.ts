/** Reflect-metadata keys, named as in LoopBack 4 so tooling that reads them keeps working. */
export const MODEL_KEY = 'loopback:model';
export const MODEL_PROPERTIES_KEY = 'loopback:model-properties';
export const MODEL_WITH_PROPERTIES_KEY = 'loopback:model-and-properties';
export const RELATIONS_KEY = 'loopback:relations';
