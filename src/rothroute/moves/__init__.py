"""Moves of money between accounts: records, the law that prices them, and their application."""
