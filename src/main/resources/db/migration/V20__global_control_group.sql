-- The global control group: a share of all customers that no campaign contacts, reshuffled now and then. A customer is
-- a member of a period when the hash of the period's seed and their id falls under its share; every period is kept,
-- so who was held back when can be recomputed for any day.
create table control_group_period (
    id            bigint        primary key,
    starts_at     timestamp     not null,
    ends_at       timestamp,
    share_percent numeric(5, 2) not null,
    seed          varchar(64)   not null
);
