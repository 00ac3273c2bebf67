/**
 * What the API description says about each route, in one place instead of in every routes file: the operation's
 * stable id (the method name a generated client gets), a one-line English summary, who may call it, and the body
 * or answer that zod cannot describe (files). A route without an entry here fails `apps/server/test/openapi.test.ts`;
 * add its line under the module it belongs to, keyed exactly as Fastify registers it: `'METHOD /api/path/:param'`.
 */
import { AWARDS_OPERATIONS } from './operations-awards.ts';
import { CERTIFICATES_OPERATIONS } from './operations-certificates.ts';
import { JUDGING_OPERATIONS } from './operations-judging.ts';
import { NOTICES_OPERATIONS } from './operations-notices.ts';
import { STAGE_OPERATIONS } from './operations-stage.ts';

export interface OperationDoc {
  operationId: string;
  summary: string;
  /**
   * public: no session needed; session: signed in (401 without); optional: anyone, a session may show more
   * (a draft campaign to its organizer).
   */
  access: 'public' | 'session' | 'optional';
  /** Request bodies zod does not describe. */
  body?: 'multipart' | 'octet-stream';
  /** The answer is a stored file (its own content type), not JSON. */
  download?: true;
  /** Counted by the per-IP rate limit on sign-in and reset (429). */
  rateLimited?: true;
}

export const OPERATIONS = {
  // judging (issue 10): in operations-judging.ts
  ...JUDGING_OPERATIONS,
  // the live final (issue 11): in operations-stage.ts
  ...STAGE_OPERATIONS,
  ...AWARDS_OPERATIONS,
  ...NOTICES_OPERATIONS,
  ...CERTIFICATES_OPERATIONS,

  // platform
  'GET /api/health': { operationId: 'getHealth', summary: 'Health of the server and its database and Redis', access: 'public' },

  // accounts
  'GET /api/auth/csrf': {
    operationId: 'getCsrfToken',
    summary: 'Get the CSRF token to echo in the X-CSRF-Token header (also sets the ca_csrf cookie)',
    access: 'public',
  },
  'POST /api/auth/register': {
    operationId: 'register',
    summary: 'Register an account and sign in',
    access: 'public',
    rateLimited: true,
  },
  'POST /api/auth/login': {
    operationId: 'logIn',
    summary: 'Sign in with email or phone and password (sets the ca_session cookie)',
    access: 'public',
    rateLimited: true,
  },
  'POST /api/auth/logout': { operationId: 'logOut', summary: 'Sign out (ends this session)', access: 'public' },
  'POST /api/auth/password-reset/request': {
    operationId: 'requestPasswordReset',
    summary: 'Send a password reset code by mail or SMS',
    access: 'public',
    rateLimited: true,
  },
  'POST /api/auth/password-reset/confirm': {
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with a reset code',
    access: 'public',
    rateLimited: true,
  },
  'GET /api/me': { operationId: 'getMe', summary: 'The signed-in user and what they may do', access: 'session' },
  'PATCH /api/me': { operationId: 'updateMe', summary: 'Change the signed-in user’s profile', access: 'session' },

  // orgs: registry and regions
  'GET /api/regions': {
    operationId: 'listRegions',
    summary: 'Regions (provinces, cities, counties) under a parent',
    access: 'public',
  },
  'GET /api/orgs': { operationId: 'searchOrganizations', summary: 'Search the organization registry', access: 'public' },
  'POST /api/orgs': {
    operationId: 'createOrganization',
    summary: 'Add an organization to the registry (staff)',
    access: 'session',
  },
  'GET /api/orgs/:id': { operationId: 'getOrganization', summary: 'One organization of the registry', access: 'public' },
  'PATCH /api/orgs/:id': { operationId: 'updateOrganization', summary: 'Change an organization (staff)', access: 'session' },

  // orgs: membership
  'GET /api/orgs/:id/members': {
    operationId: 'listOrganizationMembers',
    summary: 'An organization’s members and open invitations (its members, staff)',
    access: 'session',
  },
  'PUT /api/orgs/:id/members/:userId': {
    operationId: 'assignOrganizationMember',
    summary: 'Put a user into an organization with a role (staff)',
    access: 'session',
  },
  'DELETE /api/orgs/:id/members/:userId': {
    operationId: 'removeOrganizationMember',
    summary: 'Remove a member (the organization’s administrators, staff)',
    access: 'session',
  },
  'POST /api/orgs/:id/invitations': {
    operationId: 'inviteOrganizationMember',
    summary: 'Invite an existing account to join (the organization’s administrators)',
    access: 'session',
  },
  'GET /api/me/invitations': {
    operationId: 'listMyInvitations',
    summary: 'Invitations the signed-in user has received',
    access: 'session',
  },
  'POST /api/invitations/:id/accept': {
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation and become a member (the invitee)',
    access: 'session',
  },
  'POST /api/invitations/:id/decline': {
    operationId: 'declineInvitation',
    summary: 'Decline an invitation (the invitee)',
    access: 'session',
  },
  'POST /api/invitations/:id/revoke': {
    operationId: 'revokeInvitation',
    summary: 'Take back an open invitation (the organization’s administrators)',
    access: 'session',
  },
  'DELETE /api/me/organization': {
    operationId: 'leaveOrganization',
    summary: 'Leave one’s organization',
    access: 'session',
  },

  // orgs: certification
  'POST /api/certifications': {
    operationId: 'requestCertification',
    summary: 'Ask to be certified as a member of an organization, with a proof file',
    access: 'session',
    body: 'multipart',
  },
  'GET /api/certifications/mine': {
    operationId: 'listMyCertifications',
    summary: 'The signed-in user’s certification requests',
    access: 'session',
  },
  'POST /api/certifications/:id/withdraw': {
    operationId: 'withdrawCertification',
    summary: 'Withdraw one’s own pending certification request',
    access: 'session',
  },
  'GET /api/certifications/:id/file': {
    operationId: 'downloadCertificationFile',
    summary: 'Download the proof file of a certification request (its requester and reviewers)',
    access: 'session',
    download: true,
  },
  'GET /api/admin/certifications': {
    operationId: 'listCertificationQueue',
    summary: 'Certification requests to review (staff)',
    access: 'session',
  },
  'POST /api/admin/certifications/:id/approve': {
    operationId: 'approveCertification',
    summary: 'Approve a certification request (staff)',
    access: 'session',
  },
  'POST /api/admin/certifications/:id/reject': {
    operationId: 'rejectCertification',
    summary: 'Reject a certification request with a reason (staff)',
    access: 'session',
  },

  // campaigns
  'GET /api/campaigns': { operationId: 'listCampaigns', summary: 'Published calls', access: 'public' },
  'POST /api/campaigns': {
    operationId: 'createCampaign',
    summary: 'Create a draft call from a template (organizer managers, staff)',
    access: 'session',
  },
  'GET /api/campaign-templates': {
    operationId: 'listCampaignTemplates',
    summary: 'Templates to start a call from, and the organizers the caller may start one for',
    access: 'session',
  },
  'GET /api/campaigns/:id/publish-check': {
    operationId: 'checkCampaignPublishable',
    summary: 'What publishing a call would refuse or warn about (its managers, staff)',
    access: 'session',
  },
  'GET /api/campaigns/mine': {
    operationId: 'listMyCampaigns',
    summary: 'Calls the signed-in user organizes or screens',
    access: 'session',
  },
  'GET /api/campaigns/:id': {
    operationId: 'getCampaign',
    summary: 'One call (a draft only for its organizer and staff)',
    access: 'optional',
  },
  'PATCH /api/campaigns/:id': {
    operationId: 'updateCampaign',
    summary: 'Change a call’s settings (managers)',
    access: 'session',
  },
  'GET /api/campaigns/:id/form': {
    operationId: 'getCampaignForm',
    summary: 'The entry form of a call, current or a given version',
    access: 'optional',
  },
  'PUT /api/campaigns/:id/form': {
    operationId: 'saveCampaignForm',
    summary: 'Save a new version of the entry form (managers)',
    access: 'session',
  },
  'POST /api/campaigns/:id/publish': {
    operationId: 'publishCampaign',
    summary: 'Publish a draft call (managers)',
    access: 'session',
  },
  'POST /api/campaigns/:id/close': {
    operationId: 'closeCampaign',
    summary: 'Close a published call (managers)',
    access: 'session',
  },
  'POST /api/campaigns/:id/downloads': {
    operationId: 'addCampaignDownload',
    summary: 'Offer a template file for download (managers)',
    access: 'session',
    body: 'multipart',
  },
  'DELETE /api/campaigns/:id/downloads/:fileId': {
    operationId: 'removeCampaignDownload',
    summary: 'Stop offering a template file (managers)',
    access: 'session',
  },
  'GET /api/campaigns/:id/downloads/:fileId': {
    operationId: 'downloadCampaignFile',
    summary: 'Download a call’s template file',
    access: 'optional',
    download: true,
  },
  'GET /api/organizations/:id/organizer-members': {
    operationId: 'listOrganizerMembers',
    summary: 'An organizer’s managers and screeners (its managers, staff)',
    access: 'session',
  },
  'POST /api/organizations/:id/organizer-members': {
    operationId: 'addOrganizerMember',
    summary: 'Make an account a manager or screener of an organizer',
    access: 'session',
  },
  'DELETE /api/organizations/:id/organizer-members/:userId': {
    operationId: 'removeOrganizerMember',
    summary: 'Remove a manager or screener from an organizer',
    access: 'session',
  },

  // entries
  'POST /api/campaigns/:id/entries': {
    operationId: 'createEntry',
    summary: 'Start a draft entry for one’s organization in a theme',
    access: 'session',
  },
  'GET /api/campaigns/:id/entries': {
    operationId: 'listPublicEntries',
    summary: 'Passed entries of a call, by theme, with search',
    access: 'public',
  },
  'GET /api/entries/mine': {
    operationId: 'listMyEntries',
    summary: 'Entries of the signed-in user’s organization',
    access: 'session',
  },
  'GET /api/entries/:id': {
    operationId: 'getEntry',
    summary: 'One entry (its organization, joint units, screeners)',
    access: 'session',
  },
  'PATCH /api/entries/:id': { operationId: 'saveEntry', summary: 'Save an entry’s text (refused when stale)', access: 'session' },
  'POST /api/entries/:id/submit': { operationId: 'submitEntry', summary: 'Submit an entry with consent', access: 'session' },
  'POST /api/entries/:id/withdraw': {
    operationId: 'withdrawEntry',
    summary: 'Withdraw an entry (irreversible)',
    access: 'session',
  },
  'GET /api/entries/:id/versions': {
    operationId: 'listEntryVersions',
    summary: 'Every saved version of an entry',
    access: 'session',
  },
  'GET /api/entries/:id/changes': {
    operationId: 'getEntryChanges',
    summary: 'What changed in an entry since the last screening round',
    access: 'session',
  },
  'POST /api/uploads': {
    operationId: 'createUpload',
    summary: 'tus: start an upload into an attachment slot (Upload-Length; Upload-Metadata entryId, slot, filename)',
    access: 'session',
  },
  'PATCH /api/uploads/:id': {
    operationId: 'appendUploadChunk',
    summary: 'tus: append bytes at Upload-Offset; the last byte puts the file in its slot (200 with the upload)',
    access: 'session',
    body: 'octet-stream',
  },
  'HEAD /api/uploads/:id': {
    operationId: 'getUploadOffset',
    summary: 'tus: the offset the server holds (Upload-Offset), to resume from',
    access: 'session',
  },
  'DELETE /api/uploads/:id': { operationId: 'cancelUpload', summary: 'tus: cancel an unfinished upload', access: 'session' },
  'DELETE /api/entries/:id/attachments/:slot': {
    operationId: 'removeAttachment',
    summary: 'Remove the file in an attachment slot',
    access: 'session',
  },
  'GET /api/files/:id': {
    operationId: 'downloadEntryFile',
    summary: 'Download a file an entry has or had in an attachment slot',
    access: 'session',
    download: true,
  },
  'GET /api/campaigns/:id/screening-queue': {
    operationId: 'getScreeningQueue',
    summary: 'Submitted entries to screen, with due times (screeners)',
    access: 'session',
  },
  'POST /api/entries/:id/screening': {
    operationId: 'screenEntry',
    summary: 'Pass, return or exclude a submitted entry (screeners)',
    access: 'session',
  },
  'POST /api/campaigns/:id/bulk-plans': {
    operationId: 'planBulkScreening',
    summary: 'Preview a screening decision on many entries (screeners)',
    access: 'session',
  },
  'POST /api/bulk-plans/:id/apply': {
    operationId: 'applyBulkPlan',
    summary: 'Apply a previewed bulk screening plan',
    access: 'session',
  },
  'GET /api/public/entries/:id': { operationId: 'getPublicEntry', summary: 'A passed entry’s public page', access: 'public' },

  // voting: casting a vote
  'POST /api/entries/:entryId/votes': {
    operationId: 'castVote',
    summary:
      'Vote for a passed entry (S0-14: once a day per entry, weighted by the voter’s certification now); a retry with the same idempotency key answers the same receipt',
    access: 'session',
  },

  // voting: rules, vote cards, leaderboards, the popularity ranking
  'GET /api/campaigns/:campaignId/vote-rules': {
    operationId: 'getVoteRules',
    summary: 'A campaign’s vote rules and voting windows (a draft to its organizer’s people only)',
    access: 'optional',
  },
  'PUT /api/campaigns/:campaignId/vote-rules': {
    operationId: 'setVoteRules',
    summary: 'Set a draft campaign’s vote rules (organizer managers)',
    access: 'session',
  },
  'GET /api/entries/:entryId/vote-card': {
    operationId: 'getVoteCard',
    summary: 'A passed entry’s vote card: count, and for a signed-in caller today’s vote, weight and whether they may vote',
    access: 'optional',
  },
  'GET /api/campaigns/:campaignId/themes/:themeId/leaderboard': {
    operationId: 'getThemeLeaderboard',
    summary: 'A theme’s votable entries by weighted votes, a page at a time',
    access: 'optional',
  },
  'GET /api/campaigns/:campaignId/popularity': {
    operationId: 'getPopularityRanking',
    summary: 'The popularity ranking per theme and track: one entry per hospital, taken by proportion (organizer staff)',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/votes/stream': {
    operationId: 'streamVoteCounts',
    summary:
      'Live vote counts (Server-Sent Events, Accept: text/event-stream): `count` per changed entry, `status` (live, figures); figures hidden during the phase reach organizer staff only',
    access: 'optional',
  },

  // voting: fraud defence (the challenge, the organizer's dashboard, voiding)
  'GET /api/voting/challenge': {
    operationId: 'getVoteChallenge',
    summary: 'A self-hosted proof-of-work challenge (ALTCHA) at the caller’s tier, for a vote answered CHALLENGE_REQUIRED',
    access: 'public',
    rateLimited: true,
  },
  'GET /api/campaigns/:campaignId/voting/dashboard': {
    operationId: 'getVotingDashboard',
    summary:
      'Votes per hour and theme, per entry by level, new accounts, top sources and the detector’s findings (organizer staff)',
    access: 'session',
  },
  'POST /api/campaigns/:campaignId/voting/voids': {
    operationId: 'planVoteVoid',
    summary: 'Plan a void of suspicious votes and preview each entry’s count and rank after it (organizer managers)',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/voting/voids': {
    operationId: 'listVoteVoids',
    summary: 'The campaign’s void plans, newest first, with their previews and abilities (organizer staff)',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/voting/voids/:voidId': {
    operationId: 'getVoteVoid',
    summary: 'A planned, applied or reverted void with its preview (organizer staff)',
    access: 'session',
  },
  'POST /api/campaigns/:campaignId/voting/voids/:voidId/apply': {
    operationId: 'applyVoteVoid',
    summary: 'Void exactly the previewed votes (PLAN_STALE if another void took some meanwhile; organizer managers)',
    access: 'session',
  },
  'POST /api/campaigns/:campaignId/voting/voids/:voidId/revert': {
    operationId: 'revertVoteVoid',
    summary: 'Undo an applied void: its votes count again (organizer managers)',
    access: 'session',
  },

  // notifications
  'GET /api/notifications': {
    operationId: 'listNotifications',
    summary: 'The signed-in user’s notifications',
    access: 'session',
  },
  'POST /api/notifications/read-all': {
    operationId: 'markAllNotificationsRead',
    summary: 'Mark every notification read',
    access: 'session',
  },
  'POST /api/notifications/:id/read': {
    operationId: 'markNotificationRead',
    summary: 'Mark one notification read',
    access: 'session',
  },

  // outbox (platform staff)
  'GET /api/admin/outbox': {
    operationId: 'listOutbox',
    summary: 'Mail and SMS by delivery status, with counts (platform staff)',
    access: 'session',
  },
  'POST /api/admin/outbox/:id/retry': {
    operationId: 'retryOutboxMessage',
    summary: 'Send a failed message again now (platform staff)',
    access: 'session',
  },
} as const satisfies Record<string, OperationDoc>;

export type OperationKey = keyof typeof OPERATIONS;
