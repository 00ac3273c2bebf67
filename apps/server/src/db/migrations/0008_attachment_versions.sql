CREATE TABLE "entry_attachment_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"slot" text NOT NULL,
	"file_id" uuid NOT NULL,
	"pptx" jsonb,
	"entry_version" integer NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone,
	"replaced_by" uuid
);
--> statement-breakpoint
ALTER TABLE "entry_attachment_versions" ADD CONSTRAINT "entry_attachment_versions_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_attachment_versions" ADD CONSTRAINT "entry_attachment_versions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_attachment_versions" ADD CONSTRAINT "entry_attachment_versions_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_attachment_versions" ADD CONSTRAINT "entry_attachment_versions_replaced_by_users_id_fk" FOREIGN KEY ("replaced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entry_attachment_versions_entry_idx" ON "entry_attachment_versions" USING btree ("entry_id","slot","uploaded_at");--> statement-breakpoint
CREATE INDEX "entry_attachment_versions_file_idx" ON "entry_attachment_versions" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entry_attachment_versions_current_key" ON "entry_attachment_versions" USING btree ("entry_id","slot") WHERE replaced_at is null;