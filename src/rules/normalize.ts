/** How the word lists read text: normalized (NFKC, lower case, spaces folded), compacted, squeezed. */
const ASCII = /^[\x00-\x7f]*$/;
/** ASCII is already in NFKC form (and lower-casing keeps its length); long page text is mostly ASCII or mostly not. */
export function isAscii(text: string): boolean {
  return ASCII.test(text);
}
/** NFKC folds full-width letters and digits; curly apostrophes and quotes fold to straight ones, so "don’t" reads as "don't". */
function folded(text: string): string {
  return isAscii(text) ? text : text.normalize('NFKC').replace(/[‘’ʼ]/gu, "'");
}
/** Folded (NFKC, straight quotes), lower case, runs of space folded to one. */
export function normalizeText(text: string): string {
  // /\s{2,}|[^\S ]/ is /\s+/ but for a single space, which needs no replacing (long text has thousands).
  return folded(text).toLowerCase().replace(/\s{2,}|[^\S ]/gu, ' ').trim();
}
/**
 * normalizeText with every space removed. Text read without the joints between its nodes (the
 * pre-check's first look) is compared with the lists' fragments this way: a phrase that spans two
 * nodes ("Cancel" "plan") is there whether the joint held a space or nothing.
 */
export function squeezeText(text: string): string {
  return folded(text).toLowerCase().replace(/\s+/gu, '');
}
/** Chinese text is matched with spaces removed between CJK characters: "取消 订阅" = "取消订阅". */
export function compact(text: string): string {
  return text.replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/gu, '');
}
