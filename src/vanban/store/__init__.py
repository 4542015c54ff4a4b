"""The SQLAlchemy adapter: schema, repositories, unit of work, migrations.

The only package that imports SQLAlchemy.
"""
