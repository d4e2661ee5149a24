import {FindTreeOptions, IncludePlanStep} from '../../connector';

const NAMESPACE = 'relata:plan';

/** True when `DEBUG` names relata's plan namespace (`relata:plan`, `relata:*`, `*`; comma or space separated). */
export function debugEnabled(debug: string | undefined = process.env.DEBUG): boolean {
  if (!debug) return false;
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

/** Prints one step the way `DEBUG=relata:plan` shows it. */
export function formatStep(step: IncludePlanStep): string {
  return `${NAMESPACE} ${step.relation}: ${step.plan} (${step.reason})\n  ${step.sql}`;
}

/**
 * Where the plan of a run goes: `options.explain` (a function receives each
 * step; `true` prints them) and `DEBUG=relata:plan` (prints them to stderr).
 * Undefined when nobody asked, so runs pay nothing for it.
 */
export function explainSink(options: FindTreeOptions | undefined): ((step: IncludePlanStep) => void) | undefined {
  const explain = options?.explain;
  const debug = debugEnabled();
  if (typeof explain !== 'function' && explain !== true && !debug) return undefined;
  return step => {
    if (typeof explain === 'function') explain(step);
    else if (explain === true) console.log(formatStep(step));
    if (debug && explain !== true) console.error(formatStep(step));
  };
}
