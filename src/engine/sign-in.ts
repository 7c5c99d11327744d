/** Whether the page offers to sign in: then nobody is signed in, and no plan on it is the user's own. */
import type { Lexicon } from '../rules/lexicon';

/** Longer texts are no sign-in label ("Sign in to see your plan" is a sentence). */
const MAX_LABEL = 24;

/** Whether a link or a button among `controls` is labelled only to sign in or register ("登入", "Log in", "注册"). */
export function offersSignIn(controls: readonly Element[], lexicon: Lexicon): boolean {
  return controls.some((el) => {
    const text = (el.textContent ?? '').trim();
    return text !== '' && text.length <= MAX_LABEL && lexicon.has('signIn', text);
  });
}
