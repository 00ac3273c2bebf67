import type { OperationDoc } from './operations.ts';

/**
 * The public notice's routes' API description (issue 12 item 2; S3-7), keyed exactly as Fastify registers them;
 * spread into OPERATIONS.
 */
export const NOTICES_OPERATIONS = {
  'GET /api/campaigns/:campaignId/notice': {
    operationId: 'getNoticeSettings',
    summary: 'The campaign’s public notice for its organizer: period, contact, state, the awards on it, each step’s ability',
    access: 'session',
  },
  'PUT /api/campaigns/:campaignId/notice': {
    operationId: 'saveNoticeSettings',
    summary:
      'Set the notice’s period (N natural or working days) and contact while it is a draft; version 0 creates it (organizer)',
    access: 'session',
  },
  'POST /api/campaigns/:campaignId/notice/actions': {
    operationId: 'stepNotice',
    summary:
      'Publish (needs frozen awards; the period ends at the end of the Nth Shanghai day after today) or finalize (period over, every objection closed; the award set becomes final)',
    access: 'session',
  },
  'GET /api/public/campaigns/:campaignId/notice': {
    operationId: 'getPublicNotice',
    summary:
      'The public notice (公示): period, contact, awards by theme, objection counts — never who objected (anyone, once published)',
    access: 'optional',
  },
  'POST /api/public/campaigns/:campaignId/notice/evidence': {
    operationId: 'uploadObjectionEvidence',
    summary:
      'Upload one evidence file for an objection (PDF, JPEG or PNG by content, at most 10 MB, 5 waiting at most), during the period',
    access: 'session',
    body: 'multipart',
  },
  'POST /api/public/campaigns/:campaignId/notice/objections': {
    operationId: 'fileObjection',
    summary:
      'File an objection (异议) about an entry on the notice under a real name, with text and uploaded evidence, during the period',
    access: 'session',
  },
  'GET /api/public/campaigns/:campaignId/notice/objections/mine': {
    operationId: 'listMyObjections',
    summary: 'The caller’s own objections to the campaign’s notice, with their threads',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/objections': {
    operationId: 'listCampaignObjections',
    summary: 'Every objection to the campaign’s notice with the objector’s real name and phone (organizer)',
    access: 'session',
  },
  'GET /api/objections/:objectionId': {
    operationId: 'getObjection',
    summary: 'One objection with its thread and evidence (its organizer or its objector; anyone else 404)',
    access: 'session',
  },
  'POST /api/objections/:objectionId/actions': {
    operationId: 'stepObjection',
    summary:
      'Request information, dismiss or uphold (changing the awards with the reason) as the organizer, or answer as the objector; compare-and-set on the version',
    access: 'session',
  },
  'GET /api/objections/:objectionId/evidence/:evidenceId': {
    operationId: 'downloadObjectionEvidence',
    summary: 'An evidence file of an objection (its organizer or its objector)',
    access: 'session',
    download: true,
  },
} as const satisfies Record<string, OperationDoc>;
