-- A return refunds (part of) an order: kept as its own event with the refund as negative revenue, so a campaign's
-- revenue is net of what came back
alter table order_event add column kind varchar(10) default 'ORDER' not null;
alter table order_event add column returned_order varchar(100);
