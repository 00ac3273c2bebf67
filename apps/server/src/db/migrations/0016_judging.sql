CREATE TABLE "assignment_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"items" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	CONSTRAINT "assignment_plans_status_check" CHECK ("assignment_plans"."status" in ('planned', 'applied', 'discarded'))
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"plan_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assignments_status_check" CHECK ("assignments"."status" in ('assigned', 'abstained', 'removed'))
);
--> statement-breakpoint
CREATE TABLE "judge_conflicts" (
	"judge_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "judge_conflicts_judge_id_organization_id_pk" PRIMARY KEY("judge_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "judges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organizer_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"mobile" text,
	"organization_id" uuid,
	"organization_name" text DEFAULT '' NOT NULL,
	"title" text,
	"specialties" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"invite_token_hash" text,
	"invited_by" uuid,
	"invited_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "judges_contact_check" CHECK ("judges"."email" is not null or "judges"."mobile" is not null),
	CONSTRAINT "judges_status_check" CHECK ("judges"."status" in ('invited', 'active', 'declined', 'removed'))
);
--> statement-breakpoint
CREATE TABLE "judging_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"ordinal" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scope" jsonb NOT NULL,
	"sheet" jsonb NOT NULL,
	"materials" jsonb NOT NULL,
	"blind" boolean DEFAULT true NOT NULL,
	"see_others" boolean DEFAULT false NOT NULL,
	"judges_per_entry" integer DEFAULT 3 NOT NULL,
	"max_load" integer DEFAULT 50 NOT NULL,
	"method" text DEFAULT 'mean' NOT NULL,
	"tie_break" text[] DEFAULT '{}' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "judging_rounds_status_check" CHECK ("judging_rounds"."status" in ('draft', 'open', 'closed', 'frozen')),
	CONSTRAINT "judging_rounds_method_check" CHECK ("judging_rounds"."method" in ('mean', 'median', 'trimmed', 'zscore')),
	CONSTRAINT "judging_rounds_dates_check" CHECK ("judging_rounds"."closes_at" > "judging_rounds"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"campaign_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"theme_ids" uuid[] DEFAULT '{}' NOT NULL,
	"lead_theme_ids" uuid[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "panel_members_campaign_id_judge_id_pk" PRIMARY KEY("campaign_id","judge_id")
);
--> statement-breakpoint
CREATE TABLE "round_entries" (
	"round_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"track_key" text,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "round_entries_round_id_entry_id_pk" PRIMARY KEY("round_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "round_results" (
	"round_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"score" numeric,
	"rank" integer,
	"tier" text,
	"advanced" boolean DEFAULT false NOT NULL,
	"breakdown" jsonb NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "round_results_round_id_entry_id_pk" PRIMARY KEY("round_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "score_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"recommendation" text,
	"abstain_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "score_sheets_status_check" CHECK ("score_sheets"."status" in ('draft', 'submitted', 'abstained'))
);
--> statement-breakpoint
ALTER TABLE "assignment_plans" ADD CONSTRAINT "assignment_plans_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_plans" ADD CONSTRAINT "assignment_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_plan_id_assignment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."assignment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_organizer_id_organizations_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_rounds" ADD CONSTRAINT "judging_rounds_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_entries" ADD CONSTRAINT "round_entries_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_entries" ADD CONSTRAINT "round_entries_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_entries" ADD CONSTRAINT "round_entries_theme_id_campaign_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."campaign_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_results" ADD CONSTRAINT "round_results_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD CONSTRAINT "score_sheets_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD CONSTRAINT "score_sheets_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD CONSTRAINT "score_sheets_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD CONSTRAINT "score_sheets_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_plans_round_idx" ON "assignment_plans" USING btree ("round_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_round_entry_judge_key" ON "assignments" USING btree ("round_id","entry_id","judge_id");--> statement-breakpoint
CREATE INDEX "assignments_judge_round_idx" ON "assignments" USING btree ("judge_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judges_organizer_email_key" ON "judges" USING btree ("organizer_id","email") WHERE "judges"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "judges_organizer_mobile_key" ON "judges" USING btree ("organizer_id","mobile") WHERE "judges"."mobile" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "judges_invite_token_key" ON "judges" USING btree ("invite_token_hash") WHERE "judges"."invite_token_hash" is not null;--> statement-breakpoint
CREATE INDEX "judges_user_idx" ON "judges" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "judging_rounds_campaign_idx" ON "judging_rounds" USING btree ("campaign_id","ordinal");--> statement-breakpoint
CREATE INDEX "panel_members_judge_idx" ON "panel_members" USING btree ("judge_id");--> statement-breakpoint
CREATE INDEX "round_entries_entry_idx" ON "round_entries" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "score_sheets_assignment_key" ON "score_sheets" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "score_sheets_round_entry_idx" ON "score_sheets" USING btree ("round_id","entry_id");--> statement-breakpoint
CREATE INDEX "score_sheets_judge_idx" ON "score_sheets" USING btree ("judge_id","round_id");