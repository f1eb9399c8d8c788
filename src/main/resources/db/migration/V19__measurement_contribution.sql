-- Contribution as finance reads it: the incremental gross margin at the prices customers paid, with what the discount
-- gave away, the sends and the model calls cost, and the contribution after them with its interval
alter table measurement add column gross_margin_at_list numeric(14,2);
alter table measurement add column discount_cost numeric(14,2);
alter table measurement add column send_cost numeric(14,4);
alter table measurement add column ai_cost numeric(14,6);
