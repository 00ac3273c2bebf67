DROP INDEX "entries_one_per_org_theme_key";--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "screening_working_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "one_per_org_theme" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- Entries of campaigns that do not enforce one entry per organization per theme are left out of the unique index.
UPDATE "entries" SET "one_per_org_theme" = false FROM "campaigns" WHERE "campaigns"."id" = "entries"."campaign_id" AND ("campaigns"."entry_rules"->>'onePerOrganizationPerTheme') = 'false';--> statement-breakpoint
CREATE UNIQUE INDEX "entries_one_per_org_theme_key" ON "entries" USING btree ("campaign_id","theme_id","organization_id") WHERE status <> 'withdrawn' and one_per_org_theme;