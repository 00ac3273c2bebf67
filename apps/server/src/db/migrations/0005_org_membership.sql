CREATE TABLE "organization_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"invitee_id" uuid NOT NULL,
	"invited_by" uuid NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organization_role" text;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_invitee_id_users_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_invitations_invitee_idx" ON "organization_invitations" USING btree ("invitee_id","status");--> statement-breakpoint
CREATE INDEX "organization_invitations_org_idx" ON "organization_invitations" USING btree ("organization_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_invitations_one_pending_key" ON "organization_invitations" USING btree ("organization_id","invitee_id") WHERE status = 'pending';--> statement-breakpoint
-- Memberships written before this migration came from a profile field anyone could set: keep only those an
-- approved certification backs, and drop the others (they are re-made by certification, invitation or staff).
UPDATE "users" SET "organization_role" = 'member' WHERE "organization_id" IS NOT NULL AND EXISTS (SELECT 1 FROM "certification_requests" c WHERE c."user_id" = "users"."id" AND c."organization_id" = "users"."organization_id" AND c."status" = 'approved');--> statement-breakpoint
UPDATE "users" SET "organization_id" = NULL WHERE "organization_role" IS NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_membership_role_check" CHECK (("users"."organization_id" IS NULL) = ("users"."organization_role" IS NULL));