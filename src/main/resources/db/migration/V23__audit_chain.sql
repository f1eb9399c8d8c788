-- Tamper evidence: each campaign's audit entries (and the system's) form a hash chain. An entry keeps its place in the
-- chain (seq), the SHA-256 of its detail, the previous entry's hash and its own; audit_chain holds each chain's head,
-- locked while an entry is appended, so entries of one chain are appended one at a time and a deleted tail shows.
-- Entries recorded before this migration carry no hash and are reported as unchained.
alter table audit_event add column seq bigint;
alter table audit_event add column detail_hash varchar(64);
alter table audit_event add column prev_hash varchar(64);
alter table audit_event add column hash varchar(64);
create unique index audit_event_chain on audit_event (campaign_id, seq);
create table audit_chain (
    campaign_id varchar(36) primary key,
    last_seq bigint not null,
    last_hash varchar(64)
);
