"""The SQLAlchemy adapter: schema, repositories, unit of work, migrations (the only importer of SQLAlchemy)."""
