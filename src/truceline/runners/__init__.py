"""Where extraction runs beyond this machine's worker processes (workers.py): `ray` for a Ray cluster."""
