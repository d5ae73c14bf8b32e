-- (v2, follow-up cycle) The reporting calendar: deadlines an admin sets, each for the figures of
-- one year (e.g. the annual follow-up of 2024, due 2025-02-14). The completeness page shows
-- what is still missing for the next one, and the calendar downloads as an .ics file.
create table reporting_deadlines (
    deadline_id varchar primary key,
    due         date not null,
    year        integer not null,
    title_sv    varchar not null,
    title_en    varchar
);
