import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { highlight } from '../../src/content/highlight';

// happy-dom has no layout: elements marked data-w get a box of that width.
const realRect = Element.prototype.getBoundingClientRect;
beforeEach(() => {
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const w = Number(this.getAttribute('data-w') ?? 0);
    return { x: 10, y: 20, left: 10, top: 20, width: w, height: w ? 20 : 0, right: 10 + w, bottom: w ? 40 : 20, toJSON() {} } as DOMRect;
  };
  document.body.innerHTML = `
    <button id="up" data-w="200">Upgrade</button>
    <details id="more" data-w="300"><summary>More</summary><p><a id="quit">Cancel auto-renew</a></p></details>
    <div id="host" data-w="100"></div>`;
  const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<button class="renew" data-w="80">Renew</button>';
  vi.useFakeTimers();
});
afterEach(() => {
  Element.prototype.getBoundingClientRect = realRect;
  vi.useRealTimers();
});

const overlays = () => document.querySelectorAll('[data-fair-exit]');
const boxes = () => [...(overlays()[0]?.shadowRoot?.querySelectorAll<HTMLElement>('.box') ?? [])];

describe('on-page outline', () => {
  it('outlines each control in a shadow root on a host marked data-fair-exit, then removes the outline', () => {
    const r = highlight(document, ['#up', '#host >>> button.renew'], 4000);
    expect(r).toEqual({ found: 2, hidden: 0, total: 2 });
    expect(overlays()).toHaveLength(1);
    const host = overlays()[0] as HTMLElement;
    expect(host.shadowRoot).toBeTruthy();
    expect(host.shadowRoot!.querySelector('style')!.textContent).toContain('pointer-events: none !important');
    expect(boxes()).toHaveLength(2);
    expect(boxes()[0].style.width).toBe('208px');
    expect(boxes()[0].style.left).toBe('6px');
    expect(host.hasAttribute('data-idle')).toBe(false);
    vi.advanceTimersByTime(4001);
    expect(boxes()).toHaveLength(0);
    // The host stays, idle and not displayed, so the next highlight does not change the page's DOM.
    expect(overlays()).toHaveLength(1);
    expect(host.hasAttribute('data-idle')).toBe(true);
    expect(host.shadowRoot!.querySelector('style')!.textContent).toContain(':host([data-idle]) { display: none !important; }');
    highlight(document, ['#up']);
    expect(overlays()[0]).toBe(host);
    expect(boxes()).toHaveLength(1);
  });

  it('a control with no box (inside a collapsed section) gets its nearest rendered ancestor, dashed', () => {
    const r = highlight(document, ['#quit']);
    expect(r).toEqual({ found: 1, hidden: 1, total: 1 });
    expect(boxes()[0].className).toBe('box stand-in');
    expect(boxes()[0].style.width).toBe('308px');
  });

  it('tolerates selectors that no longer match or are invalid, and replaces an earlier outline', () => {
    highlight(document, ['#up']);
    const r = highlight(document, ['#gone', '###', '#up']);
    expect(r).toEqual({ found: 1, hidden: 0, total: 3 });
    expect(overlays()).toHaveLength(1);
    expect(boxes()).toHaveLength(1);
    expect(highlight(document, ['#gone'])).toEqual({ found: 0, hidden: 0, total: 1 });
    expect(boxes()).toHaveLength(0);
  });
});
