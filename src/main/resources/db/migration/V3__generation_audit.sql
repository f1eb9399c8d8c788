-- every model call is kept whole for audit: what was asked, of which model, with which parameters, what came back
alter table generation_call add column variant_no integer default 1 not null;
alter table generation_call add column attempt varchar(16) default 'initial' not null;
alter table generation_call add column prompt_version varchar(32);
alter table generation_call add column parameters varchar(4000);
alter table generation_call add column parsed_output varchar(100000);
alter table generation_call add column retries integer default 0 not null;
alter table generation_call add column cache_hit boolean default false not null;
alter table generation_call add column cost numeric(12, 6);
alter table generation_call add column outcome varchar(32);

alter table campaign_variant add column locale varchar(16);

-- identical prompt, model and parameters are answered from here within the configured time to live
create table generation_cache (
    cache_key         varchar(64)      primary key,
    model             varchar(100)     not null,
    response          varchar(1000000) not null,
    prompt_tokens     integer,
    completion_tokens integer,
    created_at        timestamp        not null
);
