"""Reading the content tree: rounds, reports, the ledger grammar, dates, and the checks one report allows alone."""
