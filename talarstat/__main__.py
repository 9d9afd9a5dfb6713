"""`python -m talarstat` is the same as the `talarstat` command."""

from talarstat.cli.main import main

raise SystemExit(main())
