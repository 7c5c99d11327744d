/**
 * The pre-check's questions sent to the background, whose lexicon stays warm across pages
 * (src/engine/precheck-question.ts). No answer within ANSWER_WAIT_MS (a worker still starting, or
 * stopped mid-scan), an error, or a reply of the wrong shape: undefined, and the scan answers the
 * question itself, as it did before there was anyone to ask.
 */
import { ASKED_TEXT_MAX, type PrecheckAsker } from '../engine/precheck-question';
import { PrecheckAnswerReply } from '../messages';

/** Long enough for a worker that wakes and makes its lexicon (a few hundred ms), short enough that a lost question costs little. */
export const ANSWER_WAIT_MS = 1500;

export function askBackground(send: (msg: unknown) => Promise<unknown>, waitMs = ANSWER_WAIT_MS): PrecheckAsker {
  return async (text, questions) => {
    if (text.length > ASKED_TEXT_MAX) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((ok) => {
      timer = setTimeout(() => ok(undefined), waitMs);
    });
    try {
      const reply = await Promise.race([send({ type: 'precheck-ask', text, questions }), late]);
      const answers = PrecheckAnswerReply.safeParse(reply);
      return answers.success && answers.data.data.length === questions.length ? answers.data.data : undefined;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
}
