"""Use cases and rules: no Qt here (a test enforces it). Called alike by the CLI, the GUI and tests."""
