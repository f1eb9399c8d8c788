-- Publishing is a transactional outbox: the engine step records one PENDING delivery per recipient, the channel
-- dispatcher claims, sends and records the outcome outside any engine transaction.
--   PENDING  recorded, waiting for the dispatcher (next_attempt_at: not before, after a channel-wide failure)
--   SENDING  claimed by a dispatcher (claimed_by, claimed_at) and being sent
--   SENT     accepted by the relay (sent_at);  QUEUED  handed to a channel connector's outbox_message
--   SKIPPED  not sent for this recipient (malformed or missing address, consent withdrawn): reason says why
--   BOUNCED  refused by the relay for this recipient: reason says why
--   UNKNOWN  a dispatcher stopped between sending and recording: never re-sent blindly
-- The idempotency key (campaign:channel:customer) is also the email's Message-ID, so a relay can tell a repeat.
alter table delivery add column idempotency_key varchar(120);
alter table delivery add column attempts integer default 0 not null;
alter table delivery add column next_attempt_at timestamp;
alter table delivery add column claimed_by varchar(120);
alter table delivery add column claimed_at timestamp;
alter table delivery add column reason varchar(1000);
alter table delivery add column sent_at timestamp;

update delivery set idempotency_key = campaign_id || ':' || channel || ':' || customer_id;
update delivery set sent_at = created_at where status = 'SENT';

alter table delivery add constraint delivery_idempotency_key unique (idempotency_key);
create index delivery_dispatch on delivery (campaign_id, channel, status);
