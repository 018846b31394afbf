"""The GONGSHI_* settings: declared once as a table, resolved once into a frozen value."""
