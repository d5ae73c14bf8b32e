"""Follow-up data for the UCCN cooperation agreement: reading, checking, storing, key figures."""
