"""Commands that write content for staff: skeletons of rounds and reports, ledgers imported from spreadsheets."""
