/**
 * The pay button of a subscription purchase, whatever its label says. A checkout names its button
 * after the product ("Get ShieldWave now", "开通 XX 卡") more often than after the plan, so no word
 * list can know it; but a form that asks whether to renew automatically is buying a subscription,
 * and its most prominent button is the way in.
 */
import { isTag } from './dom';

const BUTTON_LIKE = 'button, input[type=submit], input[type=button], [role=button], a[href]';
/** How far above a renewal box to look for the block that holds its pay button, when there is no form. */
const SCOPE_LEVELS = 4;

export class PurchaseScopes {
  private readonly scopes: Element[] = [];

  /** A renewal opt-in box (not a "turn off auto-renew" switch): the form or block around it is a purchase (returned). */
  addRenewalBox(box: Element): Element | null {
    const scope = box.closest('form') ?? blockWithButton(box);
    if (scope && !this.scopes.includes(scope)) this.scopes.push(scope);
    return scope;
  }

  /** The purchase block a button belongs to, if any. */
  scopeOf(el: Element, name: string): Element | null {
    if (!this.scopes.length || !isButtonLike(el) || name.length > 40) return null;
    return this.scopes.find((s) => s.contains(el)) ?? null;
  }

  get empty(): boolean {
    return this.scopes.length === 0;
  }
}

export function isButtonLike(el: Element): boolean {
  if (isTag(el, 'input') && el.type !== 'submit' && el.type !== 'button') return false;
  return el.matches(BUTTON_LIKE);
}

function blockWithButton(box: Element): Element | null {
  let row: Element = box;
  let a = box.parentElement;
  for (let i = 0; a && i < SCOPE_LEVELS; i++, row = a, a = a.parentElement) {
    if (a.matches('body, main, [role=main]')) return buttonAfter(row);
    for (const b of Array.from(a.querySelectorAll(BUTTON_LIKE))) if (b !== box && !b.contains(box) && isButtonLike(b) && !inlineLink(b)) return a;
  }
  return null;
}

/**
 * In a page's main column the box's row may stand alone, its pay button the next element ("到期自動續訂"
 * then "繼續付款"): that button, not the whole column, is the purchase.
 */
function buttonAfter(row: Element): Element | null {
  for (let s = row.nextElementSibling, i = 0; s && i < 2; s = s.nextElementSibling, i++) if (isButtonLike(s)) return s;
  return null;
}

/**
 * A link inside a sentence ("…in Settings › Subscription. <a>Terms</a>" after the renewal box) reads
 * the terms; it pays for nothing, so the block around it is not yet the purchase.
 */
function inlineLink(el: Element): boolean {
  if (!isTag(el, 'a') || el.hasAttribute('role')) return false;
  const own = (el.textContent ?? '').trim().length;
  const around = (el.parentElement?.textContent ?? '').trim().length;
  return around > 2 * own + 20;
}

/** The buttons of a purchase block (the block may be its pay button itself). */
export function buttonsOf(scope: Element): Element[] {
  if (isButtonLike(scope)) return [scope];
  return Array.from(scope.querySelectorAll(BUTTON_LIKE)).filter(isButtonLike);
}

/** The labels of the options chosen in a purchase (its ticked radio buttons): what it buys. */
export function chosenOptions(scope: Element): string[] {
  return Array.from(scope.querySelectorAll('input[type=radio]:checked'), (r) => {
    const label = (r as HTMLInputElement).labels?.[0] ?? r.closest('label');
    return (label?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  }).filter((t) => t !== '');
}
