"""Running the pipeline: one ``generate`` for every caller, the site's manifest, the writer and staging."""
