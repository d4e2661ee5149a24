import 'reflect-metadata';
import {Binding, BindingTag, BindingTemplate} from './binding';
import {BindingScope} from './binding-scope';
import {ValueOrPromise} from './value-promise';

/** Reflect-metadata key of the binding templates `@injectable` records on a class. */
export const BINDING_TEMPLATES_KEY = 'relata:binding:templates';

/** A declarative binding template: a scope and tags. */
export interface BindingSpec {
  scope?: BindingScope;
  tags?: BindingTag | BindingTag[];
}

function toTemplate(spec: BindingTemplate | BindingSpec): BindingTemplate {
  if (typeof spec === 'function') return spec;
  return binding => {
    if (spec.scope) binding.inScope(spec.scope);
    if (spec.tags !== undefined) binding.tag(...([] as BindingTag[]).concat(spec.tags));
  };
}

/**
 * Class decorator: how bindings created for this class by the application
 * (`app.repository`, `app.controller`, `app.dataSource`) are configured.
 *
 * ```ts
 * @injectable({scope: BindingScope.SINGLETON, tags: ['cache']})
 * class CacheService {}
 * ```
 */
export function injectable(...specs: (BindingTemplate | BindingSpec)[]): ClassDecorator {
  const templates = specs.map(toTemplate);
  return target => {
    const own = (Reflect.getOwnMetadata(BINDING_TEMPLATES_KEY, target) as BindingTemplate[] | undefined) ?? [];
    Reflect.defineMetadata(BINDING_TEMPLATES_KEY, [...own, ...templates], target);
  };
}

/** LoopBack's older name of {@link injectable}. */
export const bind = injectable;

/** The templates recorded on a class and its base classes (base first). */
export function getBindingTemplates(cls: Function): BindingTemplate[] {
  const chain: Function[] = [];
  for (let c: Function | null = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c);
  }
  const templates: BindingTemplate[] = [];
  for (const c of chain) {
    const own = Reflect.getOwnMetadata(BINDING_TEMPLATES_KEY, c) as BindingTemplate[] | undefined;
    if (own) templates.push(...own);
  }
  return templates;
}

/** Applies a class's `@injectable` templates to a binding. */
export function applyBindingTemplates<T>(binding: Binding<T>, cls: Function): Binding<T> {
  for (const t of getBindingTemplates(cls)) t(binding as Binding<unknown>);
  return binding;
}

/** Hooks an application calls on observers (LoopBack's life-cycle observer contract). */
export interface LifeCycleObserver {
  init?(...args: unknown[]): ValueOrPromise<void>;
  start?(...args: unknown[]): ValueOrPromise<void>;
  stop?(...args: unknown[]): ValueOrPromise<void>;
}

/**
 * Marks a class as a life-cycle observer of `group` (tags
 * `lifeCycleObserver` and `lifeCycleObserverGroup`), as generated
 * datasources are: `@lifeCycleObserver('datasource')`.
 */
export function lifeCycleObserver(group = '', ...specs: (BindingTemplate | BindingSpec)[]): ClassDecorator {
  return injectable({tags: ['lifeCycleObserver', {lifeCycleObserverGroup: group}]}, ...specs);
}
