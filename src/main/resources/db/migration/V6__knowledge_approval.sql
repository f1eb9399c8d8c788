-- Claims and policies go live only when a second member of legal-reviewers approves them (four eyes).
-- A version waiting for that decision is PENDING: kept aside, not indexed, while the approved version keeps serving.
alter table knowledge_document add column approved_by varchar(100);
alter table knowledge_document add column approved_at timestamp;
alter table knowledge_document add column rejected_by varchar(100);
alter table knowledge_document add column rejected_at timestamp;
alter table knowledge_document add column review_comment varchar(2000);

-- versions approved before four eyes were approved by whoever ingested them (a person, 'import' or 'catalog')
update knowledge_document set approved_by = ingested_by, approved_at = ingested_at where approval_status = 'APPROVED';
-- claims and policies in review stop being the serving version and wait for a legal reviewer like new ones
update knowledge_document set state = 'PENDING'
    where state = 'CURRENT' and approval_status = 'IN_REVIEW' and doc_type in ('CLAIM', 'POLICY');
