"""Satisfaction surveys: per-unit links, QR codes, posters, and reading the survey platforms' exports."""
