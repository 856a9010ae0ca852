"""The web gateway: the only process a browser or API client talks to.

It issues conversation ids and bearer tokens, checks who may see what, and talks to
Rasa's REST channel on 127.0.0.1 with the id it issued. Clients never choose a
conversation id.
"""
