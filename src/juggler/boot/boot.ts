import {isAbsolute, resolve} from 'node:path';
import {Callback, withCallback} from '../../common/callback';
import {AnyObject} from '../../common/types';
import {checkModelDefinition, defineModelClass} from '../json/create-model-from-json';
import {defineRelationsFromJSON, defineScopesFromJSON, relationModelNames, validateRelationJSON} from '../json/define-relations-from-json';
import type {ModelDefinitionJSON, RelationDefinitionJSON} from '../json/model-definition-json';
import {JugglerDataSource} from '../juggler-datasource';
import {ModelBuilder} from '../model-builder';
import {singularize} from '../naming';
import type {PersistedModelClass} from '../persisted-model';
import {BootError, inFile} from './boot-error';
import {DEFAULT_MODEL_SOURCES, findModelDefinitions, ModelSourceFile} from './model-sources';
import {displayPath, findProjectLayout, loadProjectConfig, mergeConfig, ProjectLayout} from './project-files';

/** One entry of `server/model-config.json`. */
export interface ModelConfigEntry {
  /** Data source name; `null` (or absent): the model is defined but not attached. */
  dataSource?: string | null;
  /** Exposed over REST (kept for the REST layer). */
  public?: boolean;
  /** Settings that override the model definition's. */
  options?: AnyObject;
  /** Relations added to (or merged into) the definition's. */
  relations?: {[name: string]: Partial<RelationDefinitionJSON>};
  [key: string]: unknown;
}

/** Options of `boot()`. */
export interface BootOptions {
  /** Selects `datasources.<env>.json` / `model-config.<env>.json`; default `NODE_ENV`, else `development`. */
  env?: string;
  /** Data source settings, or ready data sources, replacing the same-named entries of `datasources.json`. */
  dataSources?: {[name: string]: AnyObject | JugglerDataSource};
  /** Entries replacing the same-named ones of `model-config.json`. */
  models?: {[name: string]: ModelConfigEntry};
  /**
   * The builder every model is defined on (default: the given data
   * sources' builder, else a new one). Given data sources must use it: a
   * model joins the builder of the data source it is attached to, and
   * relations find their models there.
   */
  modelBuilder?: ModelBuilder;
}

/** A loaded LoopBack 3 project. */
export interface BootedApp {
  /** The project root and its `server/` directory. */
  rootDir: string;
  serverDir: string;
  env: string;
  /** Data sources by name (`transient` ones have none: their models are not attached). */
  dataSources: {[name: string]: JugglerDataSource};
  /** The models configured in `model-config.json`, by name. */
  models: {[name: string]: PersistedModelClass};
  /** The builder all models are defined on (base-only models included). */
  modelBuilder: ModelBuilder;
  /** The effective `model-config.json` entries. */
  modelConfig: {[name: string]: ModelConfigEntry};
  /**
   * Built-in LoopBack 3 models named in `model-config.json` without a
   * definition in the project (User, AccessToken, ACL, …): relata does not
   * provide them, so they are left out.
   */
  skippedModels: string[];
}

/** LoopBack 3's own models (from `loopback/common/models`). */
const LOOPBACK_BUILTIN_MODELS = new Set([
  'User', 'AccessToken', 'ACL', 'RoleMapping', 'Role', 'Application', 'Email', 'Change', 'Checkpoint', 'Scope', 'KeyValueModel',
]);
const BUILTIN_BASES = new Set(['model', 'persistedmodel', 'keyvaluemodel', 'user', 'basemodel']);
/** model-config `options` keys LoopBack 3 refuses to override. */
const NOT_OVERRIDABLE = new Set(['base', 'super', 'relations', 'acls', 'dataSource']);

interface PlannedModel {
  name: string;
  source: ModelSourceFile;
  definition: ModelDefinitionJSON;
  /** Configured in model-config.json (otherwise only a base of one that is). */
  configured: boolean;
  dataSourceName?: string | null;
}

/**
 * Loads a LoopBack 3 project: `server/datasources.json` (plus
 * `datasources.local|<env>.json|js`), `server/model-config.json` (plus its
 * env variants) and the model definitions in its `_meta.sources`
 * (default `../common/models` and `./models`), with each definition's
 * `<model>.js` script. All models share one ModelBuilder, so relations
 * work across data sources; relations may name models defined later.
 * Takes the project root or its `server/` directory.
 *
 * ```js
 * const {boot} = require('relata/juggler');
 * const app = await boot(__dirname + '/..');
 * await app.dataSources.db.automigrate();
 * const customer = await app.models.Customer.create({name: 'Ann'});
 * await customer.orders.create({total: 10});
 * ```
 */
export function boot(appRootDir: string, options?: BootOptions | Callback<BootedApp>, cb?: Callback<BootedApp>): Promise<BootedApp> {
  if (typeof options === 'function') [cb, options] = [options, undefined];
  const opts = options ?? {};
  return withCallback(new Promise<BootedApp>(done => done(bootProject(appRootDir, opts))), cb);
}

function bootProject(appRootDir: string, options: BootOptions): BootedApp {
  const layout = findProjectLayout(appRootDir);
  const env = options.env ?? process.env.NODE_ENV ?? 'development';

  const dsConfig = loadProjectConfig(layout, 'datasources', env);
  const dsFile = displayPath(layout, resolve(layout.serverDir, 'datasources.json'));
  const dsSettings: AnyObject = {...dsConfig.config, ...options.dataSources};
  const modelBuilder = sharedModelBuilder(options);
  const dataSources: {[name: string]: JugglerDataSource} = {};
  const transient = new Set<string>();
  for (const [name, settings] of Object.entries(dsSettings)) {
    if (settings instanceof JugglerDataSource) {
      dataSources[name] = settings;
    } else if (settings && typeof settings === 'object' && settings.connector === 'transient') {
      transient.add(name);
    } else {
      dataSources[name] = inFile(`${dsFile}: data source "${name}"`, dsFile,
        () => new JugglerDataSource(name, dataSourceSettings(layout, name, settings), modelBuilder));
    }
  }

  const mcConfig = loadProjectConfig(layout, 'model-config', env);
  const mcFile = displayPath(layout, resolve(layout.serverDir, 'model-config.json'));
  const modelConfig: {[name: string]: ModelConfigEntry} = {...mcConfig.config};
  const meta = (modelConfig._meta ?? {}) as AnyObject;
  delete modelConfig._meta;
  Object.assign(modelConfig, options.models);
  const sources: string[] = Array.isArray(meta.sources) ? meta.sources : DEFAULT_MODEL_SOURCES;
  const definitions = findModelDefinitions(layout, sources);

  const planned = planModels(mcFile, modelConfig, definitions, sources, dataSources, transient, modelBuilder);
  const skippedModels = Object.keys(modelConfig).filter(n => !definitions.has(n));
  checkRelationTargets(planned, modelBuilder, skippedModels);

  const models: {[name: string]: PersistedModelClass} = {};
  for (const plan of planned) {
    const {source, definition} = plan;
    const dataSource = plan.dataSourceName ? dataSources[plan.dataSourceName] : undefined;
    const {Model, relations, scopes} = inFile(source.shown, source.shown, () => {
      checkModelDefinition(definition, modelBuilder);
      return defineModelClass(definition, dataSource ?? modelBuilder);
    });
    if (source.script) runModelScript(layout, source.script, Model);
    inFile(source.shown, source.shown, () => {
      defineRelationsFromJSON(Model, relations);
      defineScopesFromJSON(Model, scopes);
    });
    if (plan.configured) models[plan.name] = Model;
  }
  const pending = modelBuilder.pendingModelNames();
  if (pending.length) {
    throw new BootError(`Relations wait for models that were never defined: ${pending.join(', ')}`, 'RELATION_MODEL_NOT_FOUND');
  }
  return {
    rootDir: layout.rootDir, serverDir: layout.serverDir, env,
    dataSources, models, modelBuilder, modelConfig, skippedModels,
  };
}

/** The one builder of the given data sources and `options.modelBuilder` (a new one when none is given). */
function sharedModelBuilder(options: BootOptions): ModelBuilder {
  const builders = new Set<ModelBuilder>();
  if (options.modelBuilder) builders.add(options.modelBuilder);
  for (const ds of Object.values(options.dataSources ?? {})) {
    if (ds instanceof JugglerDataSource) builders.add(ds.modelBuilder);
  }
  if (builders.size > 1) {
    throw new BootError('The data sources given to boot() (and options.modelBuilder) must share one ModelBuilder, ' +
      'so that relations between their models resolve', 'MODEL_BUILDER_MISMATCH');
  }
  return [...builders][0] ?? new ModelBuilder();
}

/** Data source settings with relative `file` paths resolved against the project root. */
function dataSourceSettings(layout: ProjectLayout, name: string, settings: unknown): AnyObject {
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new BootError(`settings must be an object`, 'INVALID_CONFIG');
  }
  const s: AnyObject = {name, ...settings};
  if (typeof s.file === 'string' && s.file && s.file !== ':memory:' && !isAbsolute(s.file)) {
    s.file = resolve(layout.rootDir, s.file);
  }
  return s;
}

/**
 * The models to define, bases before the models extending them, each with
 * its definition merged with its model-config entry; checks data source
 * names, definition files and bases first, so nothing is defined when the
 * project has an error.
 */
function planModels(
  mcFile: string, modelConfig: {[name: string]: ModelConfigEntry},
  definitions: Map<string, ModelSourceFile>, sources: string[],
  dataSources: {[name: string]: JugglerDataSource}, transient: Set<string>, builder: ModelBuilder,
): PlannedModel[] {
  const byName = new Map<string, PlannedModel>();
  for (const [name, entryIn] of Object.entries(modelConfig)) {
    const entry: ModelConfigEntry = entryIn ?? {};
    if (typeof entry !== 'object') {
      throw new BootError(`${mcFile}: the entry of model "${name}" must be an object`, 'INVALID_CONFIG', mcFile);
    }
    const source = definitions.get(name);
    if (!source) {
      if (LOOPBACK_BUILTIN_MODELS.has(name)) continue;
      throw new BootError(`${mcFile}: model "${name}" has no definition file ` +
        `(no JSON file with "name": "${name}" in ${sources.join(', ')})`, 'MODEL_DEFINITION_NOT_FOUND', mcFile);
    }
    const ds = entry.dataSource;
    if (ds !== undefined && ds !== null && (typeof ds !== 'string' || (!dataSources[ds] && !transient.has(ds)))) {
      throw new BootError(`${mcFile}: model "${name}" is referencing a dataSource that does not exist: "${String(ds)}"`,
        'DATASOURCE_NOT_FOUND', mcFile);
    }
    byName.set(name, {
      name, source, configured: true,
      definition: withModelConfig(source.definition, entry),
      dataSourceName: typeof ds === 'string' && dataSources[ds] ? ds : null,
    });
  }

  const ordered: PlannedModel[] = [];
  const visiting = new Set<string>();
  const visit = (plan: PlannedModel) => {
    if (ordered.includes(plan)) return;
    if (visiting.has(plan.name)) {
      throw new BootError(`${plan.source.shown}: model "${plan.name}" inherits from itself`, 'MODEL_BASE_CYCLE', plan.source.shown);
    }
    visiting.add(plan.name);
    const base = plan.definition.base;
    if (typeof base === 'string' && !BUILTIN_BASES.has(base.toLowerCase())) {
      let basePlan = byName.get(base);
      const baseSource = definitions.get(base);
      if (!basePlan && baseSource) {
        // LoopBack 3 also defines the bases of configured models, unattached.
        basePlan = {name: base, source: baseSource, configured: false, definition: structuredClone(baseSource.definition), dataSourceName: null};
        byName.set(base, basePlan);
      }
      if (basePlan) visit(basePlan);
      else if (!builder.getModel(base)) {
        throw new BootError(`${plan.source.shown}: model "${plan.name}": base model "${base}" is not defined`,
          'MODEL_BASE_NOT_FOUND', plan.source.shown);
      }
    }
    visiting.delete(plan.name);
    ordered.push(plan);
  };
  for (const plan of [...byName.values()]) visit(plan);
  return ordered;
}

/** The definition with the model-config entry's `options` and `relations` applied (as LoopBack 3 configures models). */
function withModelConfig(definition: ModelDefinitionJSON, entry: ModelConfigEntry): ModelDefinitionJSON {
  const def = structuredClone(definition);
  for (const [k, v] of Object.entries(entry.options ?? {})) {
    if (!NOT_OVERRIDABLE.has(k)) def[k] = v;
  }
  if (entry.relations && typeof entry.relations === 'object') {
    def.relations = mergeConfig({...def.relations}, structuredClone(entry.relations)) as ModelDefinitionJSON['relations'];
  }
  return def;
}

/** Fails, naming the file and relation, when a relation names a model (or through model) the project does not define. */
function checkRelationTargets(planned: PlannedModel[], builder: ModelBuilder, skipped: string[]): void {
  const known = new Set<string>([...planned.map(p => p.name), ...Object.keys(builder.models)].map(n => n.toLowerCase()));
  const skippedLower = new Map(skipped.map(n => [n.toLowerCase(), n]));
  for (const plan of planned) {
    const {shown} = plan.source;
    for (const [name, relation] of Object.entries(plan.definition.relations ?? {})) {
      const names = inFile(`${shown}: relation "${name}" of model "${plan.name}"`, shown, () => {
        validateRelationJSON(name, relation, plan.name);
        return relationModelNames(name, relation);
      });
      const check = (modelName: string | undefined, singular: boolean, what: string) => {
        if (modelName === undefined) return;
        const lower = modelName.toLowerCase();
        if (known.has(lower) || (singular && known.has(singularize(modelName).toLowerCase()))) return;
        const builtin = skippedLower.get(lower);
        const why = builtin
          ? `"${builtin}", a LoopBack 3 built-in model relata does not provide (add a definition file for it)`
          : `"${modelName}", which is not defined (not in model-config.json, or no definition file)`;
        throw new BootError(`${shown}: relation "${name}" of model "${plan.name}" refers to ${what} ${why}`,
          'RELATION_MODEL_NOT_FOUND', shown);
      };
      check(names.target, names.plural, 'model');
      check(names.through, false, 'through model');
    }
  }
}

function runModelScript(layout: ProjectLayout, script: string, Model: PersistedModelClass): void {
  const shown = displayPath(layout, script);
  inFile(shown, shown, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(script);
    const fn = typeof loaded === 'function' ? loaded : loaded?.default;
    // LoopBack 3 ignores scripts that do not export a function.
    if (typeof fn === 'function') fn(Model);
  });
}
