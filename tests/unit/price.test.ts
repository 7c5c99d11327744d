/** Prices in labels and terms (src/engine/price.ts). */
import { describe, expect, it } from 'vitest';
import { RECURRING_PRICE } from '../../src/engine/price';

describe('a price that recurs', () => {
  it('reads a price with the period it recurs by, in either order', () => {
    for (const label of [
      '加入飽飽Pass 每月 NT$99 免運',
      '同時加入「每月精選講義」NT$149／月',
      'Add Dedicated IP — $4.99 per month',
      'Make this a weekly delivery, $3/week',
      '到期后自动续购下月月票(每月 ¥180,可随时关闭)',
      '加购云空间 15元/月',
    ])
      expect(RECURRING_PRICE.test(label), label).toBe(true);
  });
  it('does not read a one-off price or a period without a price', () => {
    for (const label of ['加購延長保固 NT$990', 'Gift wrap for $4.99', '每月寄送電子報', 'Send me a monthly newsletter', '使用 NT$50 折價券'])
      expect(RECURRING_PRICE.test(label), label).toBe(false);
  });
});
