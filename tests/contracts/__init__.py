"""Test suites written once and run against every implementation of a contract."""
