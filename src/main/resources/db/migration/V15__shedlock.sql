-- ShedLock's lock rows: a @SchedulerLock task (product-fact sync, knowledge index retry) runs on the node that holds
-- its row until lock_until, so it runs once per cluster, not once per node. Times are the database's (usingDbTime).
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
