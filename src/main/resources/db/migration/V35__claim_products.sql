-- A claim may name the products (SKUs, comma-separated) it is about; null holds for its whole category, as every claim
-- did before. Each campaign source keeps them too, so generation and review know which products a claim speaks for.
alter table knowledge_document add column products varchar(2000);
alter table campaign_source add column products varchar(2000);
