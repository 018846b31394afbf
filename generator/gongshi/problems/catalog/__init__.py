"""The message catalog, one module per area; problems/messages.py assembles it."""
