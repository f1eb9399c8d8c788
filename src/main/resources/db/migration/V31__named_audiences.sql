-- Campaigns whose trigger names its customers (a day's loyalty milestones, a CRM list): the audience is exactly them,
-- still split into treatment and holdout, still under consent and the frequency cap
create table campaign_named_customer (
    campaign_id varchar(36) not null,
    customer_id bigint      not null,
    primary key (campaign_id, customer_id)
);
create index campaign_named_customer_customer on campaign_named_customer (customer_id);
