CREATE TABLE "stage_finalists" (
	"stage_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"position" integer,
	"reveal" jsonb,
	"final" numeric,
	"rank" integer,
	"award" text,
	CONSTRAINT "stage_finalists_stage_id_entry_id_pk" PRIMARY KEY("stage_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "stage_judges" (
	"stage_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"user_id" uuid,
	"seat" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "stage_judges_stage_id_judge_id_pk" PRIMARY KEY("stage_id","judge_id")
);
--> statement-breakpoint
CREATE TABLE "stage_recusals" (
	"stage_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "stage_recusals_stage_id_entry_id_judge_id_pk" PRIMARY KEY("stage_id","entry_id","judge_id")
);
--> statement-breakpoint
CREATE TABLE "stage_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" numeric NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reopened_at" timestamp with time zone,
	CONSTRAINT "stage_scores_status_check" CHECK ("stage_scores"."status" in ('submitted', 'reopened'))
);
--> statement-breakpoint
CREATE TABLE "stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"track_key" text,
	"label" text NOT NULL,
	"source_round_id" uuid,
	"state" text DEFAULT 'draft' NOT NULL,
	"current_index" integer DEFAULT 0 NOT NULL,
	"present_seconds" integer DEFAULT 480 NOT NULL,
	"qa_seconds" integer DEFAULT 420 NOT NULL,
	"warn_seconds" integer DEFAULT 60 NOT NULL,
	"method" text DEFAULT 'trimmed' NOT NULL,
	"sheet" jsonb NOT NULL,
	"awards" jsonb NOT NULL,
	"draw_seed" text,
	"drawn_at" timestamp with time zone,
	"phase_started_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"paused_ms" integer DEFAULT 0 NOT NULL,
	"frozen_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stages_state_check" CHECK ("stages"."state" in ('draft', 'drawn', 'waiting', 'presenting', 'qa', 'scoring', 'revealed', 'finished', 'frozen')),
	CONSTRAINT "stages_method_check" CHECK ("stages"."method" in ('mean', 'trimmed')),
	CONSTRAINT "stages_drawn_check" CHECK ("stages"."state" = 'draft' or "stages"."draw_seed" is not null)
);
--> statement-breakpoint
ALTER TABLE "stage_finalists" ADD CONSTRAINT "stage_finalists_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_finalists" ADD CONSTRAINT "stage_finalists_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_judges" ADD CONSTRAINT "stage_judges_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_judges" ADD CONSTRAINT "stage_judges_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_judges" ADD CONSTRAINT "stage_judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_recusals" ADD CONSTRAINT "stage_recusals_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_recusals" ADD CONSTRAINT "stage_recusals_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_recusals" ADD CONSTRAINT "stage_recusals_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_scores" ADD CONSTRAINT "stage_scores_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_scores" ADD CONSTRAINT "stage_scores_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_scores" ADD CONSTRAINT "stage_scores_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_theme_id_campaign_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."campaign_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_source_round_id_judging_rounds_id_fk" FOREIGN KEY ("source_round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stage_finalists_position_key" ON "stage_finalists" USING btree ("stage_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_judges_seat_key" ON "stage_judges" USING btree ("stage_id","seat");--> statement-breakpoint
CREATE INDEX "stage_judges_user_idx" ON "stage_judges" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_scores_key" ON "stage_scores" USING btree ("stage_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_scores_submitted_key" ON "stage_scores" USING btree ("stage_id","entry_id","judge_id") WHERE "stage_scores"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "stages_campaign_idx" ON "stages" USING btree ("campaign_id","created_at");