/**
 * A function's source, to run in a page as a script of its own (`addInitScript({ content })`).
 *
 * The audit runs from its TypeScript source under tsx, whose compiler keeps function names by wrapping
 * each named function inside another (`const mark = () => …`) in a call to `__name(…)`, a helper of the
 * bundle that the page does not have: the script stops at that line with a ReferenceError. The tests run
 * under vitest, whose compiler does not wrap, so they never saw it. A local stand-in for the helper, in
 * the script's own scope, keeps the page's globals as they were.
 */
export function pageScript(fn: () => void): string {
  return `(() => { const __name = (f) => f; (${fn.toString()})(); })();`;
}
