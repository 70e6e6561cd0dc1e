"""The MkDocs adapter: the only code that knows MkDocs and the i18n plugin."""
