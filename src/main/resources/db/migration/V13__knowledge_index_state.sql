-- Whether search has caught up with a version. The database commits first and Elasticsearch is written afterwards,
-- never inside the transaction, so a version can be recorded and not (yet) searchable:
--   WAITING  recorded; Elasticsearch not written yet (a CURRENT version to add, a DELETED document to remove)
--   DONE     search agrees: a CURRENT version is searchable, a DELETED document is gone from it
--   FAILED   the last attempt failed (index_error says why, index_attempts how often); retried on a schedule and
--            by POST /api/knowledge/documents/{id}/index
--   SKIPPED  superseded before search caught up with it; the newer version took its place
-- Versions kept aside for legal review (PENDING) and rejected ones are never indexed: no state.
alter table knowledge_document add column index_state varchar(16);
alter table knowledge_document add column index_error varchar(2000);
alter table knowledge_document add column index_attempts integer default 0 not null;
alter table knowledge_document add column indexed_at timestamp;

-- until now Elasticsearch was written inside the transaction that recorded the version: what is recorded is indexed
update knowledge_document set index_state = 'DONE', indexed_at = coalesce(retired_at, ingested_at)
    where state in ('CURRENT', 'DELETED');
create index knowledge_document_index_state on knowledge_document (index_state);
