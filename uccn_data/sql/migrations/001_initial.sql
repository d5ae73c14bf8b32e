-- The store's first shape: the six uploaded tables, their before-images for undo, the import
-- log, agreement periods and settings. Column meanings: ../../../../shared/DATA_CONTRACT.md.

create table settings (
    key   varchar primary key,   -- e.g. full_time_hours, is_demo
    value varchar not null
);

create table agreement_periods (
    period_id              varchar primary key,   -- "2021-2024"
    start_date             date not null,
    end_date               date not null,
    ostersund_sek_per_year decimal(14, 2) not null, -- Östersund's yearly contribution
    staff_share            double not null,         -- share of one full-time official per party
    is_example             boolean not null,        -- true for the demo's assumed renewal
    note_sv                varchar,
    note_en                varchar
);

create table activities (
    activity_id    varchar primary key,
    title          varchar not null,
    framework_area varchar not null,
    theme          varchar not null,
    start_date     date not null,
    end_date       date,
    level          varchar not null,
    lead           varchar not null,
    municipality   varchar,          -- SCB code, e.g. 2380
    participants   bigint,
    sdg11_targets  varchar[],        -- e.g. ['11.4', '11.a']
    partners       varchar,
    status         varchar not null,
    description    varchar
);

create table sme_participation (
    activity_id  varchar not null,
    org_number   varchar not null,   -- 10 digits; a sole trader's is personal data
    company_name varchar not null,
    municipality varchar,            -- SCB code or 'other'
    sector       varchar not null,
    size_class   varchar not null,
    primary key (activity_id, org_number)
);

create table exchanges (
    exchange_id     varchar primary key,
    activity_id     varchar,
    date            date not null,
    direction       varchar not null,
    partner_city    varchar not null,
    partner_country varchar not null,  -- ISO 3166-1 alpha-2
    uccn_member     boolean,
    participants    bigint,
    smes_involved   bigint
);

create table spending (
    spending_id varchar primary key,
    date        date not null,
    amount_sek  decimal(14, 2) not null,
    funder      varchar not null,
    funder_name varchar,
    category    varchar not null,
    activity_id varchar
);

create table staff_time (
    organisation varchar not null,
    month        date not null,       -- first day of the month
    hours        decimal(7, 2) not null,
    primary key (organisation, month)
);

create table targets (
    year   bigint not null,
    kpi    varchar not null,
    target double not null,
    primary key (year, kpi)
);

create sequence import_id_seq start 1;

create table import_log (
    import_id      bigint primary key default nextval('import_id_seq'),
    imported_at    timestamptz not null,
    imported_by    varchar not null,
    table_name     varchar not null,
    file_name      varchar not null,
    file_sha256    varchar not null,
    rows_inserted  bigint not null,
    rows_updated   bigint not null,
    rows_unchanged bigint not null,
    undone_at      timestamptz,
    undone_by      varchar
);

-- Before-images: for every row an import inserted (its key) or updated (its old values),
-- so that undo restores exactly what the import replaced.
create table activities_before        as select *, 0::bigint as import_id, ''::varchar as change from activities        limit 0;
create table sme_participation_before as select *, 0::bigint as import_id, ''::varchar as change from sme_participation limit 0;
create table exchanges_before         as select *, 0::bigint as import_id, ''::varchar as change from exchanges         limit 0;
create table spending_before          as select *, 0::bigint as import_id, ''::varchar as change from spending          limit 0;
create table staff_time_before        as select *, 0::bigint as import_id, ''::varchar as change from staff_time        limit 0;
create table targets_before           as select *, 0::bigint as import_id, ''::varchar as change from targets           limit 0;
