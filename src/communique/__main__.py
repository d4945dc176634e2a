"""``python -m communique``. The guard matters: Dask's worker processes re-import
the main module when they start, and must not run the command again."""
from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
