"""The dashboard pages as data: one builder per page, `build(conn, filters, lang) -> Page`."""
