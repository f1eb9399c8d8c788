-- The result per channel and per A/B arm (JSON): those sent each, against the holdout customers the channel could
-- have reached
alter table measurement add column slices varchar(100000);
