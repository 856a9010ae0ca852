"""Rasa glue that runs inside the Rasa server (not the action server): the safety
backstop NLU component and the tracker store."""
