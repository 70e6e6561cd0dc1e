"""The site's other files, made from the Briefing: downloads, the feed, JSON Schemas, the reference rows, pictures."""
