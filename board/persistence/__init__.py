"""SQLAlchemy records, the engine and the Alembic migrations."""
