import {
  type AnswerProblem,
  checkAnswers,
  countChars,
  ENTRY_LIMITS,
  type FieldError,
  fieldMessage,
  type Locale,
  type TAttachment,
  type TFormField,
  ZEntryFields,
} from '@casearena/contract';
import { issueMessage } from '../../../components/zod-form.ts';
import type { EntryContent } from './entry-content.ts';

export interface EditorProblems {
  title: string[];
  summary: string[];
  answers: AnswerProblem[];
}

export const NO_PROBLEMS: EditorProblems = { title: [], summary: [], answers: [] };

/** The same checks the server makes: shape and limits while drafting, everything required on submitting. */
export function checkContent(
  content: EntryContent,
  fields: readonly TFormField[],
  attachments: readonly TAttachment[],
  mode: 'draft' | 'submit',
  lang: Locale,
): EditorProblems {
  const title = ZEntryFields.shape.title.safeParse(content.title);
  const count = countChars(content.summary);
  return {
    title: title.success ? [] : title.error.issues.slice(0, 1).map((i) => issueMessage(i, lang)),
    summary:
      count > ENTRY_LIMITS.summary
        ? [fieldMessage('CJK_TOO_LONG', lang, { max: ENTRY_LIMITS.summary, count })]
        : mode === 'submit' && count === 0
          ? [fieldMessage('REQUIRED', lang)]
          : [],
    answers: checkAnswers(fields, content.answers, mode, attachments),
  };
}

/** The server's field errors (paths 'title', 'summary', 'answers.<key>…', 'attachments.<slot>') on the editor's fields. */
export function fromServer(errors: readonly FieldError[]): EditorProblems {
  const out: EditorProblems = { title: [], summary: [], answers: [] };
  for (const e of errors) {
    if (e.path === 'title') out.title.push(e.message);
    else if (e.path === 'summary') out.summary.push(e.message);
    else {
      const path = e.path.replace(/^(answers|attachments)\./, '');
      out.answers.push(e.params ? { path, code: e.code, params: e.params } : { path, code: e.code });
    }
  }
  return out;
}

export function mergeProblems(...all: EditorProblems[]): EditorProblems {
  const seen = new Set<string>();
  const answers: AnswerProblem[] = [];
  for (const p of all.flatMap((x) => x.answers)) {
    const k = `${p.path}|${p.code}`;
    if (!seen.has(k)) {
      seen.add(k);
      answers.push(p);
    }
  }
  return {
    title: [...new Set(all.flatMap((x) => x.title))],
    summary: [...new Set(all.flatMap((x) => x.summary))],
    answers,
  };
}

export const problemCount = (p: EditorProblems) => p.title.length + p.summary.length + p.answers.length;

/** Draft fields that would be refused: kept on this device until corrected, never sent half-valid. */
export function invalidFields(p: EditorProblems): Set<string> {
  const out = new Set<string>();
  if (p.title.length) out.add('title');
  if (p.summary.length) out.add('summary');
  for (const a of p.answers) out.add(`answers.${a.path.split('.')[0] ?? ''}`);
  return out;
}
