ALTER TABLE "judging_rounds" ADD COLUMN "results_published_at" timestamp with time zone;--> statement-breakpoint
-- Publication was kept in every frozen row's breakdown (the same instant in each): it becomes the round's column,
-- and leaves the breakdowns, so there is one place that says whether a round is published.
UPDATE "judging_rounds" r SET "results_published_at" = p."at"
FROM (
  SELECT "round_id", min(("breakdown"->>'publishedAt')::timestamptz) AS "at" FROM "round_results"
  WHERE "breakdown"->>'publishedAt' IS NOT NULL GROUP BY "round_id"
) p
WHERE p."round_id" = r."id";--> statement-breakpoint
UPDATE "round_results" SET "breakdown" = "breakdown" - 'publishedAt';--> statement-breakpoint
ALTER TABLE "judging_rounds" ADD CONSTRAINT "judging_rounds_published_check" CHECK ("judging_rounds"."results_published_at" is null or "judging_rounds"."status" = 'frozen');
--> statement-breakpoint
-- A plan's parameters sat at the head of its fingerprint (`p<perEntry>.m<maxLoad>.s<seed>:<facts hash>`): they get
-- their own column, and the fingerprint keeps only the facts' hash.
ALTER TABLE "assignment_plans" ADD COLUMN "params" jsonb;--> statement-breakpoint
UPDATE "assignment_plans" SET
  "params" = jsonb_build_object(
    'perEntry', (regexp_match("fingerprint", '^p(\d+)\.m(\d+)\.s(\d+):'))[1]::int,
    'maxLoad', (regexp_match("fingerprint", '^p(\d+)\.m(\d+)\.s(\d+):'))[2]::int,
    'seed', (regexp_match("fingerprint", '^p(\d+)\.m(\d+)\.s(\d+):'))[3]::int
  ),
  "fingerprint" = regexp_replace("fingerprint", '^p\d+\.m\d+\.s\d+:', '');--> statement-breakpoint
ALTER TABLE "assignment_plans" ALTER COLUMN "params" SET NOT NULL;
