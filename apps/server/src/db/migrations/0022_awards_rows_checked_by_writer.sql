ALTER TABLE "awards" DROP CONSTRAINT "awards_theme_id_campaign_themes_id_fk";
--> statement-breakpoint
ALTER TABLE "awards" DROP CONSTRAINT "awards_entry_id_entries_id_fk";
--> statement-breakpoint
ALTER TABLE "awards" DROP CONSTRAINT "awards_organization_id_organizations_id_fk";
