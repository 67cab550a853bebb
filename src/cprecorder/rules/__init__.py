"""Procedures as data: deadlines, categories and working days, per nation."""
