export {boot} from './boot';
export type {BootedApp, BootOptions, ModelConfigEntry} from './boot';
export {BootError} from './boot-error';
