-- The policy rules every node runs, stored centrally so that a reload on one node reaches all of them. Each published
-- rule set is kept (for audit and to go back to); exactly one is active. Nodes poll the active version and load its
-- files from here when it differs from what they run (io.campaignpilot.policy.ClusterRules).
create table policy_rule_set (
    version       varchar(64)   not null primary key,
    published_by  varchar(200)  not null,
    published_at  timestamp     not null
);

-- the DRL files of a rule set (name -> content) and where the publishing node read each from
create table policy_rule_file (
    version    varchar(64)      not null references policy_rule_set (version),
    file_name  varchar(200)     not null,
    content    varchar(1000000) not null,
    origin     varchar(1000)    not null,
    primary key (version, file_name)
);

-- one row: the active rule set. Publishing locks this row (select ... for update), so two nodes publishing at once
-- take turns; the version is null until the first node has published its files.
create table policy_active_rule_set (
    id            integer      not null primary key,
    version       varchar(64)  references policy_rule_set (version),
    activated_by  varchar(200),
    activated_at  timestamp,
    constraint policy_active_rule_set_one_row check (id = 1)
);
insert into policy_active_rule_set (id) values (1);
