"""Projections: pure folds of the log into read models, and the runner that keeps them current."""
