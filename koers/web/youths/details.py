"""Section: the youth's details (no queries of its own: the youth is loaded with the page)."""

from koers.lib.due_rules import contact_interval
from koers.trajectories.models import TargetGroup


def age(born, today) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def context(file) -> dict:
    youth = file.youth
    return {
        "age": age(youth.birth_date, file.today),
        "contact_interval_days": contact_interval(
            own_days=youth.contact_interval_days,
            route=file.state.route if file.state else "",
            treatment_elsewhere=youth.treatment_elsewhere,
        ),
        "target_group_labels": [
            str(TargetGroup(code).label) for code in youth.target_groups if code in TargetGroup.values
        ],
    }
