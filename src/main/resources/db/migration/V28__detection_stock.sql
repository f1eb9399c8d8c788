-- event detection: the stock each pass saw per product and region, and when it last came back from zero
create table detection_stock (
    sku          varchar(32) not null,
    region       varchar(32) not null,
    units        integer     not null,
    observed_at  timestamp   not null,
    restocked_at timestamp,
    primary key (sku, region)
);
