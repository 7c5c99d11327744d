/** The text a block reads as (src/engine/text-blocks.ts): where its lines and items part into clauses. */
import { describe, expect, it } from 'vitest';
import { containerText } from '../../src/engine/text-blocks';

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
});
