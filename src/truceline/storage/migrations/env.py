"""Alembic's environment for truceline's migrations: run on the connection `schema.open_database`
passes, with truceline's own version table as the marker of its databases."""

from alembic import context

from truceline.storage.schema import VERSION_TABLE, metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata,
                  version_table=VERSION_TABLE, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
