"""Bilingual briefing sites from YAML facts: load → validate → render → write."""
