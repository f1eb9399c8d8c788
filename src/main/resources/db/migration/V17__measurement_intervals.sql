-- How sure a measurement is: 95 % intervals, p-values, the split check, and why there is no verdict when there is none
alter table measurement add column lift_low double precision;
alter table measurement add column lift_high double precision;
alter table measurement add column lift_p_value double precision;
alter table measurement add column incremental_revenue_low numeric(14,2);
alter table measurement add column incremental_revenue_high numeric(14,2);
alter table measurement add column revenue_p_value double precision;
alter table measurement add column contribution_margin_low numeric(14,2);
alter table measurement add column contribution_margin_high numeric(14,2);
alter table measurement add column sample_ratio_p_value double precision;
alter table measurement add column sample_ratio_mismatch boolean;
alter table measurement add column verdict varchar(20);
alter table measurement add column warning varchar(1000);
