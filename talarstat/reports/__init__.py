"""Files for people to read: the meeting export (charts, one-page report, CSV) and the term report.

This package turns figures into the plain data the charts draw and the rows the CSV holds, in the
reader's language, and writes the files. It imports matplotlib only through `talarstat.charts`, and
only the commands that write charts import it.
"""
