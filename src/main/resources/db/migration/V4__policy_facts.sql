-- Facts the policy rules need from the ERP and the contact history.

-- stock allocated to each region's stores and web fulfilment; a product without rows is allocated its total stock
create table product_stock (
    sku    varchar(32) not null,
    region varchar(32) not null,
    units  integer     not null,
    primary key (sku, region)
);

-- supply-constrained products (allocation, recall, supplier shortfall) are never promoted, whatever the stock says
alter table product add column constrained boolean default false not null;

-- the frequency cap counts a customer's deliveries in the last days
create index delivery_customer_time on delivery (customer_id, created_at);

-- a reviewer's edit replaces a variant's fields once the rules accept it; who and when stay with the variant
alter table campaign_variant add column edited_by varchar(100);
alter table campaign_variant add column edited_at timestamp;

-- room for checkpoint names such as REVIEWER_EDIT_REFUSED
alter table policy_decision alter column checkpoint set data type varchar(40);
