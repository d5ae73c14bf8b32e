"""Meeting-ready outputs from the KPI functions: screens, slides, a printable report, the UNESCO
monitoring report draft and the open data export."""
