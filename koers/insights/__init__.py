"""Evidence back to the people who log it: counts of the working elements, steps and toolbox
items applied, per consultant, team, phase and month (kept in summary tables by a worker job),
the team's view, throughput and the N=1 analysis of a youth's series."""
