#!/usr/bin/env python
"""Same as the `ressort` console command."""

from ressort.cli import main

if __name__ == "__main__":
    main()
