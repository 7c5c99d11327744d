/** The text a block reads as (src/engine/text-blocks.ts): where its lines and items part into clauses. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCK_TRIGGERS, containerText, mayTrigger, TRIGGER_SETS } from '../../src/engine/text-blocks';
import { bundledLexicon } from '../../src/rules/word-lists';

function textOf(html: string): string {
  document.body.innerHTML = html;
  return containerText(document.body.firstElementChild!).replace(/\s+/g, ' ').trim();
}

describe('the text of a block', () => {
  it('keeps the labels of buttons side by side apart', () => {
    expect(textOf('<div><button>Upgrade to All Access</button><button>Switch to Digital Basic</button><button>Cancel subscription</button></div>')).toBe(
      'Upgrade to All Access, Switch to Digital Basic, Cancel subscription',
    );
    expect(textOf('<div><a href="#">升级</a><a href="#">降级</a></div>')).toBe('升级, 降级');
  });
  it('leaves a link inside a sentence in its clause', () => {
    expect(textOf('<p>如需退订，请<a href="#">联系客服</a>办理。</p>')).toBe('如需退订，请联系客服办理。');
    expect(textOf('<p>To cancel, <a href="#">call us</a> on 0800 123 456.</p>')).toBe('To cancel, call us on 0800 123 456.');
  });
  it('writes out the quotation marks of a <q>', () => {
    expect(textOf('<p>页面弹出提示：<q>当前周期内不支持降级操作</q>，记者随后致电客服。</p>')).toBe('页面弹出提示：“当前周期内不支持降级操作”，记者随后致电客服。');
  });
  it('parts a line of its own from the text around it', () => {
    expect(textOf('<div>升级立即生效<p>降级次月生效</p></div>')).toBe('升级立即生效, 降级次月生效');
  });
  it('reads an element of several text nodes and no element inside as it reads them one by one', () => {
    // Such an element is read whole (its textContent): the breaks around it and a space-only node must come out the same.
    document.body.innerHTML = '<div><span></span><button></button><q></q></div>';
    const [span, button, q] = document.body.firstElementChild!.children;
    span.append('  ', 'Your plan ', 'renews', '  ');
    button.append('Cancel ', 'subscription');
    q.append('not ', 'allowed');
    expect(containerText(document.body.firstElementChild!).replace(/\s+/g, ' ').trim()).toBe('Your plan renews Cancel subscription“not allowed”');
    expect(textOf('<div><b>Seat 1</b> <span>Item 1</span><span>f0</span><span>f1</span><p>Renews monthly</p><a href="#">Edit</a><a href="#">Share</a></div>')).toBe(
      'Seat 1 Item 1f0f1, Renews monthly, Edit, Share',
    );
  });
});

describe('the look before a block is read node by node', () => {
  // The look at a block's whole text (textContent) may skip containerText only where containerText
  // could find no trigger list either: checked on every element of every fixture page.
  it('never refuses a block whose text has a trigger list', () => {
    const lexicon = bundledLexicon();
    const look = lexicon.squeezedLook(TRIGGER_SETS);
    const pages = readdirSync('tests/fixtures', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(300);
    let refused = 0;
    let triggered = 0;
    for (const file of pages) {
      document.documentElement.innerHTML = readFileSync(join('tests/fixtures', file), 'utf8');
      for (const el of document.body.querySelectorAll('*')) {
        if (!el.firstElementChild || el.querySelector('script, style, noscript, template')) continue;
        const lists = lexicon.listsIn(BLOCK_TRIGGERS, containerText(el).replace(/\s+/g, ' ').trim().slice(0, 600));
        if (lists.length) triggered++;
        if (mayTrigger(look, el.textContent ?? '')) continue;
        refused++;
        expect(lists, `${file}: ${el.tagName}`).toEqual([]);
      }
    }
    // Both kinds are met: the check is not empty.
    expect(refused).toBeGreaterThan(1000);
    expect(triggered).toBeGreaterThan(500);
  }, 60_000);
});
