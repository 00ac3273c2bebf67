-- The files in entry slots today are their current versions.
INSERT INTO "entry_attachment_versions" ("entry_id", "slot", "file_id", "pptx", "entry_version", "uploaded_by", "uploaded_at")
SELECT a."entry_id", a."slot", a."file_id", a."pptx", e."version", a."uploaded_by", a."uploaded_at"
FROM "entry_attachments" a JOIN "entries" e ON e."id" = a."entry_id";
--> statement-breakpoint
-- Files replaced or removed before versions were kept are still in "files"; the audit log says which entry slot each
-- was in and until when (the next attach or removal in that slot), so they become past versions too.
INSERT INTO "entry_attachment_versions" ("entry_id", "slot", "file_id", "entry_version", "uploaded_by", "uploaded_at", "replaced_at", "replaced_by")
SELECT ev."subject_id"::uuid, ev."data"->>'slot', f."id",
  COALESCE((SELECT max(v."version") FROM "entry_versions" v WHERE v."entry_id" = ev."subject_id"::uuid AND v."saved_at" <= ev."occurred_at"), 1),
  ev."actor_id", ev."occurred_at",
  COALESCE(nxt."occurred_at", ev."occurred_at"), nxt."actor_id"
FROM "audit_events" ev
JOIN "files" f ON f."id"::text = ev."data"->>'fileId'
JOIN "entries" e ON e."id"::text = ev."subject_id"
LEFT JOIN LATERAL (
  SELECT n."occurred_at", n."actor_id" FROM "audit_events" n
  WHERE n."subject_type" = 'entry' AND n."subject_id" = ev."subject_id" AND n."seq" > ev."seq"
    AND n."kind" IN ('entry.file_attached', 'entry.file_removed') AND n."data"->>'slot' = ev."data"->>'slot'
  ORDER BY n."seq" LIMIT 1
) nxt ON true
WHERE ev."kind" = 'entry.file_attached' AND ev."subject_type" = 'entry' AND ev."actor_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "entry_attachments" a WHERE a."file_id" = f."id");
