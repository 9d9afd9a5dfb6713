"""The floor for `talarstat report --by-district --json` (../shared/bench/README.md): one SQL GROUP BY
summing duration and attendance-weighted duration per district and category over the same turns in
one flat table (`flat_turn`, made by run_all.py), with the database's own driver, as a process.
Usage: group_by.py SQLITE_FILE|POSTGRESQL_URL"""
import sys

QUERY = ("SELECT district, category, count(*), sum(duration), sum(duration * attendance) "
         "FROM flat_turn GROUP BY district, category")

target = sys.argv[1]
if target.startswith("postgresql"):
    import psycopg

    connection = psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://", 1))
else:
    import sqlite3

    connection = sqlite3.connect(target)
rows = connection.execute(QUERY).fetchall()
print(len(rows), "groups")
