-- An audience is a region and a segment: found by index, not by reading every customer of the region.
create index customer_region_segment on customer (region, segment);
