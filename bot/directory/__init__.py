"""The community directory: Open Referral UK services, their import and matching.

Services keep their ORUK ids, so a link in a person's record points at the same id
in the council's own directory.
"""
