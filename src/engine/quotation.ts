/**
 * A sentence in quotation marks is someone's message reported, not the page speaking: a blog's list of
 * 「降級請洽客服專線辦理」 quotes a trick. Quoted spans long enough to be a message are left out; a
 * quoted button name ("Cancel plan") stays.
 */
export function withoutQuotations(text: string): string {
  return text.replace(QUOTATION, (q) => (isMessage(q.slice(1, -1)) ? `${q[0]}…${q[q.length - 1]}` : q));
}

// At most 300 characters: an unpaired mark must not swallow a page.
const QUOTATION = /「[^「」]{1,300}」|『[^『』]{1,300}』|“[^“”]{1,300}”|"[^"\n]{1,300}"/gu;

/** Eight Chinese characters or five words: a message, not the name of a button. */
function isMessage(inner: string): boolean {
  return (inner.match(/[\u3400-\u9fff]/gu)?.length ?? 0) >= 8 || inner.trim().split(/\s+/u).length >= 5;
}
