"""`python -m talarstat` is the same as the `talarstat` command."""

from talarstat.cli.launch import main

raise SystemExit(main())
