-- arbitration locks one row per region (its name), created by the region's first selection: a ranked audience holds
-- only customers of its campaign's region, so selections in different regions need not wait for each other
delete from arbitration_lock where name = 'audiences';
