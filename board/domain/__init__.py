"""Plain domain objects and rules: no Qt, no SQLAlchemy."""
