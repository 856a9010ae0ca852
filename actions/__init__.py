"""Custom actions: thin Rasa glue. Each reads the tracker, calls `bot`, returns events."""
