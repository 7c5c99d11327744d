/**
 * A page's first scan asks the background's lexicon, which stays warm across pages
 * (src/engine/elsewhere.ts): the pre-check's questions, text blocks' texts, and discovery's short texts. No answer within
 * ANSWER_WAIT_MS (a worker still starting, or stopped mid-scan), an error, or a reply of the wrong
 * shape: undefined, and the scan answers the question itself, as it did before there was anyone to ask.
 */
import type { Elsewhere } from '../engine/elsewhere';
import { ASKED_TEXT_MAX } from '../engine/precheck-question';
import { TRIGGER_CHARS_MAX, TRIGGER_TEXTS_MAX } from '../engine/text-blocks';
import { PLAN_TEXTS_MAX } from '../engine/label-questions';
import { PlanTextsAnswerReply, PrecheckAnswerReply, TriggersAnswerReply } from '../messages';

/** Long enough for a worker that wakes and makes its lexicon (a few hundred ms), short enough that a lost question costs little. */
export const ANSWER_WAIT_MS = 1500;

type Send = (msg: unknown) => Promise<unknown>;
type Reply<T> = { safeParse(v: unknown): { success: true; data: { data: T } } | { success: false } };

export function askBackground(send: Send, waitMs = ANSWER_WAIT_MS): Required<Elsewhere> {
  return {
    precheck: async (text, questions) => {
      if (text.length > ASKED_TEXT_MAX) return undefined;
      const answers = await asked(send, { type: 'precheck-ask', text, questions }, PrecheckAnswerReply, waitMs);
      return answers?.length === questions.length ? answers : undefined;
    },
    triggers: async (texts) => {
      if (texts.length > TRIGGER_TEXTS_MAX || texts.reduce((n, t) => n + t.length, 0) > TRIGGER_CHARS_MAX) return undefined;
      const answers = await asked(send, { type: 'triggers-ask', texts }, TriggersAnswerReply, waitMs);
      return answers?.length === texts.length ? answers : undefined;
    },
    planTexts: async (texts) => {
      if (texts.length > PLAN_TEXTS_MAX) return undefined;
      const answers = await asked(send, { type: 'plan-texts-ask', texts }, PlanTextsAnswerReply, waitMs);
      return answers?.length === texts.length ? Array.from(answers, (c) => c === '1') : undefined;
    },
  };
}

async function asked<T>(send: Send, msg: unknown, reply: Reply<T>, waitMs: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((ok) => {
    timer = setTimeout(() => ok(undefined), waitMs);
  });
  try {
    const answer = reply.safeParse(await Promise.race([send(msg), late]));
    return answer.success ? answer.data.data : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
