CREATE TABLE "vote_counts" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"weight" bigint DEFAULT 0 NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"voided_weight" bigint DEFAULT 0 NOT NULL,
	"voided_votes" integer DEFAULT 0 NOT NULL,
	"last_vote_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vote_rules" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_voids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"selection" jsonb NOT NULL,
	"vote_ids" jsonb NOT NULL,
	"preview" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	"reverted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "voter_days" (
	"campaign_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"day" date NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "voter_days_campaign_id_voter_id_day_pk" PRIMARY KEY("campaign_id","voter_id","day")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"day" date NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	"weight" integer NOT NULL,
	"level" text NOT NULL,
	"ip" text NOT NULL,
	"device_id" text,
	"idempotency_key" text NOT NULL,
	"void_id" uuid
);
--> statement-breakpoint
ALTER TABLE "vote_counts" ADD CONSTRAINT "vote_counts_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_counts" ADD CONSTRAINT "vote_counts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_counts" ADD CONSTRAINT "vote_counts_theme_id_campaign_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."campaign_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_rules" ADD CONSTRAINT "vote_rules_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_rules" ADD CONSTRAINT "vote_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voids" ADD CONSTRAINT "vote_voids_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voids" ADD CONSTRAINT "vote_voids_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_days" ADD CONSTRAINT "voter_days_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_days" ADD CONSTRAINT "voter_days_voter_id_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_theme_id_campaign_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."campaign_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_voter_id_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vote_counts_theme_weight_idx" ON "vote_counts" USING btree ("campaign_id","theme_id","weight" desc);--> statement-breakpoint
CREATE INDEX "vote_voids_campaign_idx" ON "vote_voids" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "votes_once_a_day_key" ON "votes" USING btree ("campaign_id","entry_id","voter_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "votes_idempotency_key" ON "votes" USING btree ("voter_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "votes_campaign_cast_at_idx" ON "votes" USING btree ("campaign_id","cast_at");--> statement-breakpoint
CREATE INDEX "votes_entry_idx" ON "votes" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "votes_voter_day_idx" ON "votes" USING btree ("voter_id","day");