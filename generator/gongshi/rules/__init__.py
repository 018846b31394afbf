"""Decisions over content, time and the record: the gate, batches, the publication record, satisfaction."""
