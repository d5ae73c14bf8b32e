-- The import log, newest first, as the history table shows it.
select import_id, imported_at, imported_by, table_name, file_name, file_sha256,
       rows_inserted, rows_updated, rows_unchanged, coalesce(rows_deleted, 0) as rows_deleted, undone_at, undone_by
from import_log
order by import_id desc
