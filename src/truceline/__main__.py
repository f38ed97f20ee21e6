"""`python -m truceline`, the same as the `truceline` command."""

from truceline.cli import app

app(prog_name="truceline")
