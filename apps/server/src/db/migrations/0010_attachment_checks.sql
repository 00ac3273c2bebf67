ALTER TABLE "entry_attachment_versions" ADD COLUMN "checks" jsonb;--> statement-breakpoint
ALTER TABLE "entry_attachments" ADD COLUMN "checks" jsonb;