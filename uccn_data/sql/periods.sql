-- Agreement periods and reporting windows, oldest first.
select period_id, start_date, end_date, ostersund_sek_per_year, staff_share, is_example,
       note_sv, note_en, kind
from agreement_periods
order by start_date
