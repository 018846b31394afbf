"""Errors and the bilingual message catalog: what every problem says, in Chinese and English."""
