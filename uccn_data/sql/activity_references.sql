-- Activities that an import inserted and that other tables still refer to.
-- Parameter: the import id.
with inserted as (
    select activity_id from activities_before where import_id = ? and change = 'inserted'
)
select activity_id from sme_participation where activity_id in (select activity_id from inserted)
union
select activity_id from exchanges where activity_id in (select activity_id from inserted)
union
select activity_id from spending where activity_id in (select activity_id from inserted)
union
select activity_id from outcomes where activity_id in (select activity_id from inserted)
