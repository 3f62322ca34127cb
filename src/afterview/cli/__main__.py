"""``python -m afterview.cli``: the same as the ``afterview`` console script."""

from afterview.cli import main

main()
