CREATE TABLE "award_sets" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"computed_at" timestamp with time zone,
	"frozen_at" timestamp with time zone,
	"final_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "award_sets_state_check" CHECK ("award_sets"."state" in ('draft', 'computed', 'frozen', 'final'))
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"level_order" integer DEFAULT 0 NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"theme_id" uuid,
	"track_key" text,
	"entry_id" uuid,
	"organization_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"figures" jsonb NOT NULL,
	"honour_zh" text,
	"honour_en" text,
	"origin" text DEFAULT 'computed' NOT NULL,
	"reason" text,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_designs" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"layout" text DEFAULT 'classic' NOT NULL,
	"issuer" text NOT NULL,
	"signature_caption" text NOT NULL,
	"wording" jsonb NOT NULL,
	"seal_file_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"award_id" uuid NOT NULL,
	"number" text NOT NULL,
	"serial" integer NOT NULL,
	"recipient" text NOT NULL,
	"entry_title" text,
	"award_label" text NOT NULL,
	"theme_title" text,
	"wording" text NOT NULL,
	"issuer" text NOT NULL,
	"layout" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"days" integer DEFAULT 7 NOT NULL,
	"day_kind" text DEFAULT 'natural' NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"body" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"final_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notices_state_check" CHECK ("notices"."state" in ('draft', 'open', 'ended', 'final')),
	CONSTRAINT "notices_period_check" CHECK ("notices"."state" = 'draft' or ("notices"."starts_at" is not null and "notices"."ends_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "objection_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"objection_id" uuid,
	"user_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"real_name" text NOT NULL,
	"phone" text NOT NULL,
	"text" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"messages" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "objections_state_check" CHECK ("objections"."state" in ('open', 'info_requested', 'upheld', 'dismissed'))
);
--> statement-breakpoint
ALTER TABLE "award_sets" ADD CONSTRAINT "award_sets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_campaign_id_award_sets_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."award_sets"("campaign_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_theme_id_campaign_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."campaign_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_designs" ADD CONSTRAINT "certificate_designs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_designs" ADD CONSTRAINT "certificate_designs_seal_file_id_files_id_fk" FOREIGN KEY ("seal_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_evidence" ADD CONSTRAINT "objection_evidence_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_evidence" ADD CONSTRAINT "objection_evidence_objection_id_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."objections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_evidence" ADD CONSTRAINT "objection_evidence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_evidence" ADD CONSTRAINT "objection_evidence_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_campaign_id_notices_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."notices"("campaign_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awards_campaign_idx" ON "awards" USING btree ("campaign_id","theme_id","rule_key","level_order","position");--> statement-breakpoint
CREATE UNIQUE INDEX "awards_live_entry_key" ON "awards" USING btree ("campaign_id","rule_key","level","entry_id") WHERE "awards"."removed_at" is null and "awards"."entry_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "awards_live_org_key" ON "awards" USING btree ("campaign_id","rule_key","level","organization_id") WHERE "awards"."removed_at" is null and "awards"."entry_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_key" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_award_key" ON "certificates" USING btree ("award_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_serial_key" ON "certificates" USING btree ("campaign_id","serial");--> statement-breakpoint
CREATE INDEX "objection_evidence_objection_idx" ON "objection_evidence" USING btree ("objection_id");--> statement-breakpoint
CREATE INDEX "objection_evidence_user_idx" ON "objection_evidence" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "objections_campaign_idx" ON "objections" USING btree ("campaign_id","state","created_at");--> statement-breakpoint
CREATE INDEX "objections_user_idx" ON "objections" USING btree ("user_id");