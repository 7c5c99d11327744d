/**
 * Computed-style and composed-background reads, each done once per element per scan. Layout is
 * only read here and in measure.ts, never written, so the browser computes it at most once.
 */
import { isShadowRoot } from './dom';
import { luminance, over, parseColor, WHITE, type RGBA } from './color';

/** `stops`: the colours of a gradient behind the content, when the contrast is only known as a range. */
export type Backdrop = { color: RGBA | null; reason: string | null; stops?: RGBA[] };

/** Parent in the composed tree: crosses shadow roots and same-origin frame boundaries. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  if (isShadowRoot(root)) return root.host;
  const frame = el.ownerDocument?.defaultView?.frameElement;
  return frame ?? null;
}

export class StyleCache {
  private readonly styles = new Map<Element, CSSStyleDeclaration>();
  private readonly backdrops = new Map<Element, Backdrop>();
  private readonly opacities = new Map<Element, number>();

  style(el: Element): CSSStyleDeclaration {
    let s = this.styles.get(el);
    if (!s) {
      const view = el.ownerDocument.defaultView ?? window;
      s = view.getComputedStyle(el);
      this.styles.set(el, s);
    }
    return s;
  }

  /** What is painted behind the content of `el`, including its own background. */
  backdrop(el: Element | null): Backdrop {
    if (!el) return { color: WHITE, reason: null };
    const cached = this.backdrops.get(el);
    if (cached) return cached;
    const { image, color } = this.background(el);
    let result: Backdrop;
    if (image && image !== 'none') {
      result = gradientBackdrop(image, () => this.backdrop(composedParent(el)).color) ?? { color: null, reason: 'background-image' };
    } else {
      const own = parseColor(color);
      if (!own) result = { color: null, reason: 'colour-format' };
      else if (own.a >= 0.999) result = { color: { ...own, a: 1 }, reason: null };
      else {
        const below = this.backdrop(composedParent(el));
        result = below.color && own.a > 0 ? { color: over(own, below.color), reason: null } : below;
      }
    }
    this.backdrops.set(el, result);
    return result;
  }

  /**
   * `el`'s computed background-image and background-color, read once: a control's backdrop and its
   * fill both ask (each read of a computed property makes the browser serialise it anew).
   */
  background(el: Element): { image: string; color: string } {
    let b = this.backgrounds.get(el);
    if (!b) {
      const s = this.style(el);
      b = { image: s.backgroundImage, color: s.backgroundColor };
      this.backgrounds.set(el, b);
    }
    return b;
  }
  private readonly backgrounds = new Map<Element, { image: string; color: string }>();

  /** Product of the opacities of `el` and all its ancestors. */
  opacity(el: Element | null): number {
    if (!el) return 1;
    const cached = this.opacities.get(el);
    if (cached !== undefined) return cached;
    const own = parseFloat(this.style(el).opacity || '1');
    const value = (Number.isFinite(own) ? own : 1) * this.opacity(composedParent(el));
    this.opacities.set(el, value);
    return value;
  }
}

/**
 * A gradient (no image) over a known colour. When its colours are all close (a faint tint, #fff0f6 to
 * #fff) it is measured as one colour, their mean; otherwise the contrast stays unmeasurable but is
 * bounded by the contrast against each of its colours.
 */
const PLAIN_GRADIENT_SPREAD = 1.2;
function gradientBackdrop(image: string, below: () => RGBA | null): Backdrop | null {
  if (image.includes('url(') || !image.includes('gradient')) return null;
  const stops = gradientStops(image);
  // Opaque colours need nothing behind them; translucent ones are painted over what is below.
  const base = stops.every((c) => c.a >= 0.999) ? WHITE : below();
  if (stops.length === 0 || !base) return { color: null, reason: 'gradient' };
  const painted = stops.map((c) => over(c, base));
  const lum = painted.map(luminance);
  if ((Math.max(...lum) + 0.05) / (Math.min(...lum) + 0.05) > PLAIN_GRADIENT_SPREAD) return { color: null, reason: 'gradient', stops: painted };
  const mean = (k: 'r' | 'g' | 'b') => Math.round(painted.reduce((n, c) => n + c[k], 0) / painted.length);
  return { color: { r: mean('r'), g: mean('g'), b: mean('b'), a: 1 }, reason: null };
}

/** Colours named in a gradient, for an estimate of a gradient fill. */
export function gradientStops(image: string): RGBA[] {
  const out: RGBA[] = [];
  for (const m of image.matchAll(/rgba?\([^)]*\)/g)) {
    const c = parseColor(m[0]);
    if (c) out.push(c);
  }
  return out;
}
