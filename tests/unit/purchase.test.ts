/** What a purchase form has chosen for the user (src/engine/purchase.ts). */
import { describe, expect, it } from 'vitest';
import { chosenOptions } from '../../src/engine/purchase';

describe('the options a purchase has chosen', () => {
  it('reads the label of each ticked radio button, wrapped or by its for attribute', () => {
    document.body.innerHTML = `<form>
      <label><input type="radio" name="c"> 維持月繳</label>
      <label><input type="radio" name="c" checked> 升級為年繳方案  NT$1,490</label>
      <input type="radio" name="d" id="d2" checked><label for="d2">Annual plan</label>
      <input type="radio" name="e" checked>
    </form>`;
    expect(chosenOptions(document.forms[0])).toEqual(['升級為年繳方案 NT$1,490', 'Annual plan']);
  });
  it('finds none where nothing is ticked', () => {
    document.body.innerHTML = '<form><label><input type="radio" name="c"> Monthly</label><input type="checkbox" checked></form>';
    expect(chosenOptions(document.forms[0])).toEqual([]);
  });
});
