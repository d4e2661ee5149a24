import {existsSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {AnyObject} from '../../common/types';
import {readJSONFile} from '../json/read-json-file';
import {BootError, inFile} from './boot-error';

/** Where a LoopBack 3 project's files are. */
export interface ProjectLayout {
  /** The project root (holds `server/` and `common/`); relative data source files resolve against it. */
  rootDir: string;
  /** The `server/` directory (LoopBack 3's `appRootDir`): `datasources.json`, `model-config.json`. */
  serverDir: string;
}

const CONFIG_FILES = ['datasources.json', 'model-config.json'];

function hasConfig(dir: string): boolean {
  return CONFIG_FILES.some(f => existsSync(join(dir, f)));
}

/** Accepts the project root or its `server/` directory. */
export function findProjectLayout(dir: string): ProjectLayout {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new BootError(`LoopBack 3 project directory ${abs} does not exist`, 'PROJECT_NOT_FOUND');
  }
  if (hasConfig(join(abs, 'server'))) return {rootDir: abs, serverDir: join(abs, 'server')};
  if (hasConfig(abs)) return {rootDir: dirname(abs), serverDir: abs};
  throw new BootError(
    `No LoopBack 3 project in ${abs}: expected server/datasources.json or server/model-config.json`, 'PROJECT_NOT_FOUND');
}

/** A path for messages: relative to the project root, with forward slashes. */
export function displayPath(layout: ProjectLayout, file: string): string {
  return relative(layout.rootDir, file).split(sep).join('/');
}

/** Merges `override` into `target` (plain objects key by key, anything else replaced), as LoopBack 3 applies env files. */
export function mergeConfig(target: AnyObject, override: AnyObject): AnyObject {
  for (const [k, v] of Object.entries(override)) {
    const cur = target[k];
    if (isPlainObject(v) && isPlainObject(cur)) mergeConfig(cur, v);
    else target[k] = isPlainObject(v) ? mergeConfig({}, v) : v;
  }
  return target;
}

function isPlainObject(v: unknown): v is AnyObject {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function loadOne(layout: ProjectLayout, file: string): AnyObject {
  const shown = displayPath(layout, file);
  let value: unknown;
  if (file.endsWith('.json')) {
    value = inFile(shown, shown, () => readJSONFile(file, shown));
  } else {
    value = inFile(`Cannot load ${shown}`, shown, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(file);
      return loaded && typeof loaded === 'object' && 'default' in loaded ? loaded.default : loaded;
    });
  }
  if (!isPlainObject(value)) throw new BootError(`${shown} must contain an object`, 'INVALID_CONFIG', shown);
  return value;
}

/**
 * Reads `<name>.json` from the server directory, then applies
 * `<name>.local.json|js` and `<name>.<env>.json|js` when present (LoopBack
 * 3's environment-specific configuration). `{}` when none exists.
 */
export function loadProjectConfig(layout: ProjectLayout, name: string, env: string): {config: AnyObject; files: string[]} {
  const files: string[] = [];
  const config: AnyObject = {};
  const candidates = [`${name}.json`];
  for (const variant of ['local', env]) candidates.push(`${name}.${variant}.json`, `${name}.${variant}.js`);
  for (const c of candidates) {
    const file = join(layout.serverDir, c);
    if (!existsSync(file) || files.includes(file)) continue;
    mergeConfig(config, loadOne(layout, file));
    files.push(file);
  }
  return {config, files};
}
