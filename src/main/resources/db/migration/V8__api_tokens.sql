-- API tokens for integrations: a credential Camunda's login throttling cannot lock. Only the SHA-256 of a token is
-- kept; the token itself is shown once, when it is created. Names are never reused, so token:<name> in the audit
-- always means one token.
create table api_token (
    id           varchar(36)  primary key,
    name         varchar(64)  not null unique,
    group_id     varchar(64)  not null,
    token_hash   varchar(64)  not null unique,
    created_by   varchar(100) not null,
    created_at   timestamp    not null,
    last_used_at timestamp,
    revoked_at   timestamp
);
