"""ACLED conventions in one place (actor names, inter codes, fatality rule, precision codes, column order)."""
