import camelCaseImpl from 'lodash/camelCase';

/** lodash's camelCase, which LoopBack 4 uses for every derived key name. */
export function camelCase(s: string): string {
  return camelCaseImpl(s);
}
