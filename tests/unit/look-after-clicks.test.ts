/** src/content/late-shadows.ts lookAfterClicks: one look for new shadow roots a moment after the user's last click. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { lookAfterClicks } from '../../src/content/late-shadows';

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<button id="b">Cancel</button>';
});
afterEach(() => vi.useRealTimers());

const click = () => document.getElementById('b')!.click();

it('looks once, a moment after the last click of a burst', () => {
  const look = vi.fn();
  lookAfterClicks(document, look, 600);
  click();
  vi.advanceTimersByTime(400);
  click();
  vi.advanceTimersByTime(599);
  expect(look).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(look).toHaveBeenCalledTimes(1);
  click();
  vi.advanceTimersByTime(600);
  expect(look).toHaveBeenCalledTimes(2);
});

it('sees a click the page stops from bubbling', () => {
  const look = vi.fn();
  lookAfterClicks(document, look, 600);
  document.getElementById('b')!.addEventListener('click', (e) => e.stopPropagation());
  click();
  vi.advanceTimersByTime(600);
  expect(look).toHaveBeenCalledTimes(1);
});

it('neither looks nor listens once stopped, a look already waiting included', () => {
  const look = vi.fn();
  const stop = lookAfterClicks(document, look, 600);
  click();
  stop();
  vi.advanceTimersByTime(600);
  click();
  vi.advanceTimersByTime(600);
  expect(look).not.toHaveBeenCalled();
});
