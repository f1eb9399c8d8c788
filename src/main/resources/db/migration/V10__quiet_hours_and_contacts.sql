-- Quiet hours are kept in the customer's own time zone (an IANA id such as Europe/London); a customer without one
-- is in campaignpilot.publishing.default-time-zone.
alter table customer add column time_zone varchar(64);

-- The frequency cap counts another campaign's contacts with a customer: at dispatch time it asks "sent to this
-- customer since ...", which needs the customer's deliveries by time.
create index delivery_customer_sent on delivery (customer_id, sent_at);
