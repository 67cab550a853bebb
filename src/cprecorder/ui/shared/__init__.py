"""The shared window: what the family sees in Teams, and nothing else."""
