"""Errors that carry a one-line reason a user can act on."""


class TrucelineError(Exception):
    """Base class: the message is shown to the user as is."""


class InputError(TrucelineError):
    """An input that cannot be read as an article; the batch skips it and goes on."""


class ConfigError(TrucelineError):
    """A setting that cannot be used (e.g. a spaCy model that is not installed)."""


class StorageError(TrucelineError):
    """The database cannot be written (disk full, read-only file): the run stops, nothing is half-written."""
