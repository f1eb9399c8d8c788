-- Every version of every knowledge document, kept for audit after it is superseded or deleted.
-- Elasticsearch holds only the chunks of the current version; this table is the source of truth to reindex from.
create table knowledge_document (
    doc_id          varchar(100)     not null,
    version         integer          not null,
    doc_type        varchar(32)      not null,
    title           varchar(300)     not null,
    content         varchar(200000)  not null,
    content_hash    varchar(64)      not null,
    approval_status varchar(16)      not null,
    brand           varchar(100)     not null,
    regions         varchar(500)     not null,
    categories      varchar(500)     not null,
    locale          varchar(16)      not null,
    effective_from  date,
    effective_to    date,
    owner           varchar(100)     not null,
    chunks          integer          not null,
    state           varchar(16)      not null,
    ingested_by     varchar(100)     not null,
    ingested_at     timestamp        not null,
    retired_at      timestamp,
    primary key (doc_id, version)
);
create index knowledge_document_state on knowledge_document (state, doc_type);

-- each variant keeps the sources it cites (document, version, chunk, score), whatever later rounds retrieve
alter table campaign_variant add column cited_sources varchar(20000);
