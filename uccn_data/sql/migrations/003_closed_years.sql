-- (v2, follow-up cycle) Closed years (fastställda år): an admin marks a year final; imports,
-- edits and undos that would change its rows are refused while it stays closed.
create table closed_years (
    year       integer primary key,
    closed_at  timestamptz not null,
    closed_by  varchar not null
);

-- Every close and reopen, kept for good.
create table year_log (
    logged_at timestamptz not null,
    year      integer not null,
    action    varchar not null,   -- close, reopen
    by_whom   varchar not null
);
