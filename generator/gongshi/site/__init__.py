"""The public site and the staff pack as data: page views, URLs, markup, feeds, open-data tables, the summary."""
