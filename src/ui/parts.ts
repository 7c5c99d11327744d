/** Small shared pieces: quoted page text, role tags. */
import type { Role } from '../report/schema';
import type { RenderCtx } from './context';
import type { MessageKey } from './i18n';
import { cleanText, LABEL_MAX } from './text';

/**
 * Page text, shown inert: cleaned of direction overrides and control characters, truncated, set as a
 * text node inside <bdi> so right-to-left text cannot reorder the sentence around it.
 */
export function quoteText(ctx: RenderCtx, raw: string, max = LABEL_MAX): HTMLElement {
  const { h } = ctx;
  const shown = cleanText(raw, max);
  const full = cleanText(raw, 500);
  const [open, close] = ctx.tr.lang === 'zh-TW' ? ['「', '」'] : ['“', '”'];
  return h('span', { class: 'page-text', title: full !== shown ? full : null }, open, h('bdi', { dir: 'auto', lang: ctx.pageLang }, shown), close);
}

const ROLE_KEYS: Record<Role, MessageKey> = {
  upgrade: 'roleUpgrade',
  retain: 'roleRetain',
  downgrade: 'roleDowngrade',
  cancel: 'roleCancel',
  other: 'roleOther',
};

export function roleTag(ctx: RenderCtx, role: string): HTMLElement {
  const key = ROLE_KEYS[role as Role] ?? 'roleOther';
  return ctx.h('span', { class: `role-tag role-${role in ROLE_KEYS ? role : 'other'}` }, ctx.tr.t(key));
}
