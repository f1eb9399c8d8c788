-- Stock of each promoted product in the campaign's region when it was sent (the pre-publish check) and when its
-- measurement window closed: the scorecard's inventory alignment
create table stock_snapshot (
    campaign_id varchar(64) not null,
    sku varchar(32) not null,
    moment varchar(16) not null,
    region varchar(64) not null,
    units integer not null,
    taken_at timestamp not null,
    primary key (campaign_id, sku, moment)
);
