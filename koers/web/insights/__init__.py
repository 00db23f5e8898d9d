"""The insights pages: my practice (every consultant), and for team leads the team's view."""
