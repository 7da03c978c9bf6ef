"""Modal screens: help, disclaimer, confirmations."""
