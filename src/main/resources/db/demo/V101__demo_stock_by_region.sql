-- Demo retailer: each product's stock split over the four regions (north and south hold the most),
-- and one product under a supplier shortfall.
insert into product_stock (sku, region, units) select sku, 'north', stock * 30 / 100 from product;
insert into product_stock (sku, region, units) select sku, 'south', stock * 30 / 100 from product;
insert into product_stock (sku, region, units) select sku, 'east', stock * 20 / 100 from product;
insert into product_stock (sku, region, units) select sku, 'west', stock - 2 * (stock * 30 / 100) - stock * 20 / 100 from product;
update product set constrained = true where sku = 'HP-APP-002';
