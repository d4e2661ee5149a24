import {existsSync, readdirSync, statSync} from 'node:fs';
import {dirname, isAbsolute, join, resolve} from 'node:path';
import {readModelDefinition} from '../json/create-model-from-json';
import type {ModelDefinitionJSON} from '../json/model-definition-json';
import {inFile} from './boot-error';
import {displayPath, ProjectLayout} from './project-files';

/** One model definition file found in a model source directory. */
export interface ModelSourceFile {
  definition: ModelDefinitionJSON;
  /** Absolute path of the JSON file. */
  file: string;
  /** The file relative to the project root, for messages. */
  shown: string;
  /** The model script next to it (`customer.js` beside `customer.json`), if any. */
  script?: string;
}

/** LoopBack 3's default `_meta.sources`, relative to the server directory. */
export const DEFAULT_MODEL_SOURCES = ['../common/models', './models'];

/**
 * A model source directory: relative to the server directory, or a module
 * path (`some-module/models`). `loopback/...` sources hold LoopBack 3's own
 * built-in models (User, AccessToken, …), which relata does not provide.
 */
function resolveSource(layout: ProjectLayout, source: string): string | undefined {
  if (source.startsWith('.') || isAbsolute(source)) return resolve(layout.serverDir, source);
  if (source === 'loopback' || source.startsWith('loopback/')) return undefined;
  const parts = source.split('/');
  const pkgName = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  try {
    const pkgDir = dirname(require.resolve(`${pkgName}/package.json`, {paths: [layout.serverDir]}));
    return join(pkgDir, ...parts.slice(pkgName.split('/').length));
  } catch {
    return undefined;
  }
}

function scriptBeside(jsonFile: string): string | undefined {
  const stem = jsonFile.slice(0, -'.json'.length);
  const extensions = ['.js', '.cjs', ...Object.keys(require.extensions).filter(e => !['.js', '.json', '.node'].includes(e))];
  for (const ext of extensions) if (existsSync(stem + ext)) return stem + ext;
  return undefined;
}

/**
 * Reads every `*.json` model definition in the source directories, in
 * order; a later source's definition of the same model name replaces an
 * earlier one (`server/models` over `common/models`), as in LoopBack 3.
 * Directories that do not exist are skipped.
 */
export function findModelDefinitions(layout: ProjectLayout, sources: string[]): Map<string, ModelSourceFile> {
  const found = new Map<string, ModelSourceFile>();
  for (const source of sources) {
    const dir = resolveSource(layout, source);
    if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith('.json')) continue;
      const file = join(dir, entry);
      const shown = displayPath(layout, file);
      const definition = inFile(shown, shown, () => readModelDefinition(file, shown));
      if (!definition || typeof definition !== 'object' || Array.isArray(definition) || typeof definition.name !== 'string') {
        continue;
      }
      found.set(definition.name, {definition, file, shown, script: scriptBeside(file)});
    }
  }
  return found;
}
