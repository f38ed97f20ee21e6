"""Where records are kept: `schema` (tables, opening a database, migrations), `writer` (rows in,
one transaction per document), `reader` (rows and merged records out)."""
