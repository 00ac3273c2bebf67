import type { OperationDoc } from './operations.ts';

/**
 * The live final's routes' API description (issue 11), beside operations.ts as the judging routes' are: keyed
 * exactly as Fastify registers them. operations.ts spreads it into OPERATIONS (`...STAGE_OPERATIONS`).
 */
export const STAGE_OPERATIONS = {
  'POST /api/campaigns/:campaignId/stages': {
    operationId: 'createStage',
    summary:
      'Set up a stage of the live final in draft: a frozen round’s finalists of one theme, the pool’s judges, recusal (host)',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/stages': {
    operationId: 'listStages',
    summary: 'A campaign’s stages: all of them for the host, the ones a judge sits on for that judge',
    access: 'session',
  },
  'GET /api/stages/:stageId': {
    operationId: 'getStageHostView',
    summary: 'The host’s console: the big screen’s view plus the settings, the judges and each step’s ability (host)',
    access: 'session',
  },
  'POST /api/stages/:stageId/actions': {
    operationId: 'stepStage',
    summary:
      'One host step (draw, redraw, start, present, qa, score, reveal, next, finish, freeze, pause, resume, reopen), compare-and-set on the version',
    access: 'session',
  },
  'GET /api/stages/:stageId/judge': {
    operationId: 'getStageJudgeView',
    summary: 'A judge’s phone: the current finalist, the sheet, this judge’s stored score or 回避 (stage judges)',
    access: 'session',
  },
  'POST /api/stages/:stageId/scores': {
    operationId: 'submitStageScore',
    summary: 'A judge’s score of the finalist being scored; resent under its idempotency key, never counted twice (stage judges)',
    access: 'session',
  },
  'GET /api/stages/:stageId/results': {
    operationId: 'getStageResults',
    summary: 'The stage’s ranking with the stated tie-break and the awards (the host; everyone once frozen)',
    access: 'optional',
  },
  'GET /api/stages/:stageId/screen': {
    operationId: 'getStageScreen',
    summary: 'The big screen: presenter, clock, judges’ progress without scores, reveals, leaderboard (public)',
    access: 'public',
  },
  'GET /api/stages/:stageId/stream': {
    operationId: 'streamStageScreen',
    summary: 'The big screen’s live stream (Server-Sent Events: screen, status; Accept: text/event-stream required)',
    access: 'public',
  },
} as const satisfies Record<string, OperationDoc>;
