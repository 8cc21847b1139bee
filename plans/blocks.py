"""The plan's own document blocks (objectives, tasks, assignments)."""
