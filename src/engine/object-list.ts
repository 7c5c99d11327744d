/**
 * An empty array that V8 already holds as one of objects (strings, nodes). `[]` starts as an array of
 * small integers, and the first string or node pushed changes its kind. The walk makes its arrays
 * anew at each scan, and a loop optimised on arrays of the one kind is thrown away when it meets a
 * new array of the other (V8's --trace-deopt: "not a Smi", then "Smi", at the walk's first push, in
 * each of a page's first three "scan again"; docs/speed.md).
 */
export function objectList<T>(): T[] {
  const list = [null] as unknown as T[];
  list.length = 0;
  return list;
}
