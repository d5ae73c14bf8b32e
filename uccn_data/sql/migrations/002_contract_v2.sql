-- Data contract version 2: lists, dates with precision, approximate counts, external leads,
-- multi-partner exchanges, money in other currencies and budgets, and the outcomes table.
-- A version 1 row keeps its meaning: one area becomes a list of one, a day stays a day.
-- Every change is made to a table and its before-images alike, so undo keeps working.

-- activities ---------------------------------------------------------------------------------
alter table activities alter framework_area type varchar[] using [framework_area];
alter table activities alter theme type varchar[] using [theme];
alter table activities alter municipality type varchar[]
    using case when municipality is null then null else [municipality] end;
alter table activities add column start_date_precision varchar;
alter table activities add column end_date_precision varchar;
alter table activities add column lead_name varchar;
alter table activities add column party_role varchar;
alter table activities add column participants_approx varchar;   -- about | over | at_least
alter table activities add column visitors bigint;
alter table activities add column visitors_approx varchar;
alter table activities add column smes_count bigint;             -- SMEs not listed by name
alter table activities add column smes_count_approx varchar;
alter table activities add column other_sdgs varchar[];          -- e.g. ['4', '8.9']
alter table activities add column results varchar;
alter table activities add column url varchar;
alter table activities add column partner_uccn_cities varchar[]; -- derived from partners
update activities set start_date_precision = 'day';
update activities set end_date_precision = 'day' where end_date is not null;

alter table activities_before alter framework_area type varchar[]
    using case when framework_area is null then null else [framework_area] end;
alter table activities_before alter theme type varchar[]
    using case when theme is null then null else [theme] end;
alter table activities_before alter municipality type varchar[]
    using case when municipality is null then null else [municipality] end;
alter table activities_before add column start_date_precision varchar;
alter table activities_before add column end_date_precision varchar;
alter table activities_before add column lead_name varchar;
alter table activities_before add column party_role varchar;
alter table activities_before add column participants_approx varchar;
alter table activities_before add column visitors bigint;
alter table activities_before add column visitors_approx varchar;
alter table activities_before add column smes_count bigint;
alter table activities_before add column smes_count_approx varchar;
alter table activities_before add column other_sdgs varchar[];
alter table activities_before add column results varchar;
alter table activities_before add column url varchar;
alter table activities_before add column partner_uccn_cities varchar[];
update activities_before set start_date_precision = 'day' where start_date is not null;
update activities_before set end_date_precision = 'day' where end_date is not null;

-- exchanges ----------------------------------------------------------------------------------
alter table exchanges alter partner_city type varchar[] using [partner_city];
alter table exchanges alter partner_country type varchar[] using [partner_country];
alter table exchanges alter partner_country drop not null;
alter table exchanges add column date_precision varchar;
alter table exchanges add column end_date date;
alter table exchanges add column end_date_precision varchar;
alter table exchanges add column partner_type varchar;
alter table exchanges add column cities_count bigint;
alter table exchanges add column cities_count_approx varchar;
alter table exchanges add column countries_count bigint;
alter table exchanges add column countries_count_approx varchar;
alter table exchanges add column participants_approx varchar;
alter table exchanges add column smes_involved_approx varchar;
alter table exchanges add column partner_members boolean[];      -- per partner: true or unknown
update exchanges set date_precision = 'day', partner_type = 'city',
    partner_members = [uccn_member];

alter table exchanges_before alter partner_city type varchar[]
    using case when partner_city is null then null else [partner_city] end;
alter table exchanges_before alter partner_country type varchar[]
    using case when partner_country is null then null else [partner_country] end;
alter table exchanges_before add column date_precision varchar;
alter table exchanges_before add column end_date date;
alter table exchanges_before add column end_date_precision varchar;
alter table exchanges_before add column partner_type varchar;
alter table exchanges_before add column cities_count bigint;
alter table exchanges_before add column cities_count_approx varchar;
alter table exchanges_before add column countries_count bigint;
alter table exchanges_before add column countries_count_approx varchar;
alter table exchanges_before add column participants_approx varchar;
alter table exchanges_before add column smes_involved_approx varchar;
alter table exchanges_before add column partner_members boolean[];
update exchanges_before set date_precision = 'day', partner_type = 'city',
    partner_members = [uccn_member] where change = 'updated';

-- spending -----------------------------------------------------------------------------------
alter table spending alter amount_sek drop not null;             -- unknown amount: null, never 0
alter table spending add column date_precision varchar;
alter table spending add column end_date date;
alter table spending add column end_date_precision varchar;
alter table spending add column currency varchar;
alter table spending add column exchange_rate decimal(18, 6);    -- SEK per unit, as the file gave it
alter table spending add column kind varchar;                    -- actual | budget
alter table spending add column amount_original decimal(16, 2);  -- in its currency
update spending set date_precision = 'day', currency = 'SEK', kind = 'actual',
    amount_original = amount_sek;

alter table spending_before add column date_precision varchar;
alter table spending_before add column end_date date;
alter table spending_before add column end_date_precision varchar;
alter table spending_before add column currency varchar;
alter table spending_before add column exchange_rate decimal(18, 6);
alter table spending_before add column kind varchar;
alter table spending_before add column amount_original decimal(16, 2);
update spending_before set date_precision = 'day', currency = 'SEK', kind = 'actual',
    amount_original = amount_sek where change = 'updated';

-- outcomes -----------------------------------------------------------------------------------
create table outcomes (
    outcome_id          varchar primary key,
    kind                varchar not null,   -- award, agreement, publication, strategy, network_role, media, other
    title               varchar not null,
    date                date,
    date_precision      varchar,
    end_date            date,
    end_date_precision  varchar,
    activity_id         varchar,
    partner             varchar,
    description         varchar,
    url                 varchar
);
create table outcomes_before as
    select *, 0::bigint as import_id, ''::varchar as change from outcomes limit 0;

-- periods: agreement periods (with commitments) and reporting windows (without) --------------
alter table agreement_periods add column kind varchar default 'agreement';
update agreement_periods set kind = 'agreement';
alter table agreement_periods alter ostersund_sek_per_year drop not null;
alter table agreement_periods alter staff_share drop not null;
alter table agreement_periods alter is_example set default false;
