-- The holdout share a campaign's audience was split with, so its measurement checks the arms against the split it
-- was given, not against whatever holdout-percent is configured when its window closes
create table audience_split (
    campaign_id varchar(36) primary key,
    holdout_share double precision not null,
    selected_at timestamp not null
);
