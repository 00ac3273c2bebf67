import type { OperationDoc } from './operations.ts';

/** The certificates routes' API description (issue 12 item 4; X-7, S0-15), keyed exactly as Fastify registers them. */
export const CERTIFICATES_OPERATIONS = {
  'GET /api/campaigns/:campaignId/certificates/design': {
    operationId: 'getCertificateDesign',
    summary:
      'The campaign’s certificate design: layout, issuer, signature caption, wording per award rule, whether a seal is set (organizer)',
    access: 'session',
  },
  'PUT /api/campaigns/:campaignId/certificates/design': {
    operationId: 'updateCertificateDesign',
    summary: 'Set the certificate layout (classic, modern, simple), issuer, caption and wording per rule; audited (organizer)',
    access: 'session',
  },
  'PUT /api/campaigns/:campaignId/certificates/seal': {
    operationId: 'uploadCertificateSeal',
    summary:
      'Upload the organizer’s seal (multipart field `file`: PNG, sniffed, at most 1 MB), stamped over the signature line (organizer)',
    access: 'session',
    body: 'multipart',
  },
  'POST /api/campaigns/:campaignId/certificates/issue': {
    operationId: 'issueCertificates',
    summary: 'Issue one certificate per live award of the final award set not yet certified; idempotent, audited (organizer)',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/certificates': {
    operationId: 'listCertificates',
    summary: 'The campaign’s certificates in number order with their verification links and abilities (organizer)',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/certificates.zip': {
    operationId: 'downloadCertificatesZip',
    summary: 'Every certificate not revoked as one PDF each in a zip, streamed while it is made (organizer)',
    access: 'session',
    download: true,
  },
  'GET /api/certificates/:certificateId/pdf': {
    operationId: 'downloadCertificatePdf',
    summary:
      'One certificate as a PDF with the embedded Chinese font, seal, number and QR code (organizer and the recipient organization)',
    access: 'session',
    download: true,
  },
  'POST /api/certificates/:certificateId/revoke': {
    operationId: 'revokeCertificate',
    summary: 'Revoke a certificate with a reason; its verification page then says revoked; audited (organizer)',
    access: 'session',
  },
  'GET /api/public/certificates/:number': {
    operationId: 'verifyCertificate',
    summary: 'What a certificate says, or that it was revoked, for its number and check code (the QR link; public)',
    access: 'public',
  },
} satisfies Record<string, OperationDoc>;
