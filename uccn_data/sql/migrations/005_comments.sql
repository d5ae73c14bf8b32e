-- (v2, follow-up cycle) The coordinators' analysis of a figure (kommentarer): one comment per
-- scope (overall, a framework area, a KPI, sdg11), period and year. An empty year means the
-- whole period, so the key has a column that may be null: no primary key (DuckDB refuses a
-- null in one); the import's upsert keeps the key unique, comparing null-safely.
create table comments (
    scope   varchar not null,
    period  varchar not null,
    year    integer,
    text_sv varchar not null,
    text_en varchar
);
create table comments_before as
    select *, 0::bigint as import_id, ''::varchar as change from comments limit 0;

-- (follow-up cycle) One record deleted in the Data page's form is logged like an import, its
-- rows kept as before-images with change 'deleted' so that undo brings them back.
alter table import_log add column rows_deleted integer default 0;
