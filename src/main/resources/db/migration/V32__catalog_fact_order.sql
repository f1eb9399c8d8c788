-- When each product fact last changed at its source (the change's occurredAt): a change older than the fact on record
-- is ignored, so changes applied out of order (two nodes, a retried message, a late file) never undo a newer one
create table product_fact_version (
    sku         varchar(32) not null,
    fact        varchar(80) not null,
    occurred_at timestamp   not null,
    primary key (sku, fact)
);
