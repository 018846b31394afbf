"""Plumbing with no knowledge of the domain: file caches, staging folders, the atomic swap, worker pools."""
