import {FindTreeOptions, IncludePlanStep} from '../../connector';

const NAMESPACE = 'relata:plan';

let lastDebug: string | undefined;
let lastEnabled = false;

/** True when `DEBUG` names relata's plan namespace (`relata:plan`, `relata:*`, `*`; comma or space separated). */
export function debugEnabled(debug: string | undefined = process.env.DEBUG): boolean {
  if (!debug) return false;
  if (debug === lastDebug) return lastEnabled;
  lastEnabled = matches(debug);
  lastDebug = debug;
  return lastEnabled;
}

function matches(debug: string): boolean {
  let enabled = false;
  for (const raw of debug.split(/[\s,]+/)) {
    if (!raw) continue;
    const negated = raw.startsWith('-');
    const name = negated ? raw.slice(1) : raw;
    const pattern = new RegExp('^' + name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
    if (pattern.test(NAMESPACE)) enabled = !negated;
  }
  return enabled;
}

/**
 * One step as `DEBUG=relata:plan` prints it: the level, its plan and the
 * reason, then the SQL — or, for a level carried by a statement already
 * printed, the level that statement belongs to.
 */
export function formatStep(step: IncludePlanStep, carriedBy?: string): string {
  const statement = carriedBy !== undefined ? `(in the statement of ${carriedBy})` : step.sql || '(no statement)';
  return `${NAMESPACE} ${step.relation}: ${step.plan} (${step.reason})\n  ${statement}`;
}

/**
 * Where the plan of a run goes: `options.explain` (a function receives each
 * step; `true` prints them to stdout) and `DEBUG=relata:plan` (prints them
 * to stderr). Undefined when nobody asked, so runs pay nothing for it.
 */
export function explainSink(options: FindTreeOptions | undefined): ((step: IncludePlanStep) => void) | undefined {
  const explain = options?.explain;
  const debug = debugEnabled();
  if (typeof explain !== 'function' && explain !== true && !debug) return undefined;
  let owner: IncludePlanStep | undefined;
  return step => {
    if (typeof explain === 'function') explain(step);
    if (explain !== true && !debug) return;
    const carried = owner !== undefined && step.sql !== '' && owner.sql === step.sql;
    if (!carried) owner = step;
    const text = formatStep(step, carried ? owner!.relation : undefined);
    if (explain === true) console.log(text);
    else console.error(text);
  };
}
