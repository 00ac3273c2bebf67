-- The signature caption was read from the campaign's design whenever a PDF was rendered: it is copied into each
-- certificate at issue, like the wording, issuer and layout. Certificates issued before take their campaign's
-- caption now (a campaign without a design row prints the default, certificate-design.ts DEFAULT_CAPTION).
ALTER TABLE "certificates" ADD COLUMN "signature_caption" text;--> statement-breakpoint
UPDATE "certificates" c SET "signature_caption" = coalesce(
  (SELECT d."signature_caption" FROM "certificate_designs" d WHERE d."campaign_id" = c."campaign_id"),
  '主办单位（盖章）'
);--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "signature_caption" SET NOT NULL;
