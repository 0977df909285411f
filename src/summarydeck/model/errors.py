"""The error a model's own check raises: it names the field at fault, so the caret can point at
it, and says how to fix it. pydantic keeps the exception in the error's context."""

from __future__ import annotations


class FieldProblem(ValueError):
    def __init__(
        self,
        message: str,
        *,
        at: tuple[str | int, ...] = (),
        hint: str | None = None,
        missing: str | None = None,
        compared: tuple[tuple[str | int, ...], ...] = (),
        number: bool = False,
    ) -> None:
        super().__init__(message)
        self.at = at  # path of the faulty field, relative to the model that raised
        self.hint = hint
        self.missing = missing  # set when the problem is a required key that is absent
        # lists whose length the list at `at` should have (a count mismatch), relative paths
        self.compared = compared
        # the field wants a number: a YAML 1.1 spelling (`1_000`) there gets its own hint
        self.number = number
