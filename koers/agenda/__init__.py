"""The agenda: turns a trajectory's recorded facts into due items (rules in koers.lib.due_rules)."""
