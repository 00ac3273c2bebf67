import { errorMessage, type Locale, type SheetProblem, type SheetRefusal, type TJudgeAssignment } from '@casearena/contract';
import { ApiError } from '../../../api/client.ts';
import i18n from '../../../i18n/index.ts';
import { shanghaiMinute } from '../../campaigns/campaign-time.ts';

type Spec = TJudgeAssignment['spec'];

const labelOf = (spec: Spec, key: string, lang: Locale) => spec.criteria.find((c) => c.key === key)?.label[lang] ?? key;

/**
 * The sentence for a problem the browser finds with the contract's checkSheet: the same message the server would
 * answer (errors.ts), quoting the criterion's label in the judge's language.
 */
export function problemText(problem: SheetProblem, spec: Spec, lang: Locale): string {
  switch (problem.code) {
    case 'SCORE_OUT_OF_RANGE':
    case 'SCORE_TOO_PRECISE':
    case 'SCORE_MISSING':
      return errorMessage(problem.code, lang, { ...problem.params, criterion: labelOf(spec, problem.params.criterion, lang) });
    case 'COMMENT_REQUIRED':
      return errorMessage('COMMENT_REQUIRED', lang);
    case 'VALIDATION_FAILED':
      return problem.params.field === 'recommendation'
        ? i18n.t('judgingJudge.recommendationRequired')
        : errorMessage('VALIDATION_FAILED', lang);
  }
}

/** The criterion a problem marks (its input turns red), or the sheet's comment / recommendation. */
export function problemTarget(problem: SheetProblem): string {
  if (problem.code === 'VALIDATION_FAILED') return problem.params.field;
  if (problem.code === 'COMMENT_REQUIRED') return 'comment';
  return `scores.${problem.params.criterion}`;
}

/** Why the sheet may not be saved, submitted or abstained now, from the ability's refusal (dates in Beijing time). */
export function refusalText(code: SheetRefusal, round: TJudgeAssignment['round'], lang: Locale): string {
  switch (code) {
    case 'ROUND_CLOSED':
      return errorMessage('ROUND_CLOSED', lang, { deadline: shanghaiMinute(round.closesAt) });
    case 'ROUND_NOT_OPEN': {
      const when = i18n.t('judgingJudge.opensAt', { time: shanghaiMinute(round.opensAt) });
      return `${i18n.t('judgingJudge.refusals.ROUND_NOT_OPEN')}${lang === 'en' ? ` (${when})` : `（${when}）`}`;
    }
    case 'SHEET_SUBMITTED':
    case 'WRONG_STATUS':
      return i18n.t(`judgingJudge.refusals.${code}`);
  }
}

/**
 * A refused write's sentence. The server's message is already localized with every parameter (SCORE_OUT_OF_RANGE
 * names the criterion and range, ROUND_CLOSED the deadline); NOT_FOUND gets the workspace's own wording.
 */
export function writeErrorText(err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('errors.unknown');
  if (err.code === 'NOT_FOUND') return i18n.t('judgingJudge.notFound');
  if (err.code === 'NETWORK') return i18n.t('judgingJudge.submitOffline');
  return err.message;
}
