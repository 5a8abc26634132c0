"""Errors a user can cause and fix: they print as one clear message, never a traceback."""


class UserError(Exception):
    """A problem with the user's input (file, key, value, path).

    Args:
        message: What is wrong, where, and what would be valid.
        exit_code: Process exit status the command line returns (2: bad input).
    """

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class ScenarioError(UserError):
    """A scenario file or override that cannot be read or does not validate."""
