-- Right to erasure: a customer's contact details and profile are cleared, the id stays so that every campaign's
-- audience, deliveries and measurement still add up. erased_at marks the row: never contacted, never selected again.
alter table customer add column erased_at timestamp;
alter table customer alter column email drop not null;
alter table customer alter column phone drop not null;
alter table customer alter column first_name drop not null;
alter table customer alter column locale drop not null;
alter table customer alter column segment drop not null;
alter table customer alter column loyalty_tier drop not null;
