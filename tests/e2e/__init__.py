"""Browser tests (a package, so that test_pages.py here and in tests/app/ can coexist)."""
