"""Storage: SQLModel tables, the engine, Alembic migrations, and the queries the figures need.

Every function takes a `session` keyword and leaves committing to its caller, so one user action or
one imported file is one transaction.
"""
