"""Section: the youth's details (the youth is loaded with the page): one query for the last
hand-over and its note; one more for the tips that go with target-group markers, when set.
The retention date comes from the milestones the page loaded: no query while the trajectory
runs; once it ended, one for the organisation's own terms and one for the earlier trajectories'
milestones when there are any (koers.retention.selectors.retention_of)."""

from koers.contacts.selectors import target_group_guidance
from koers.lib.age import age_on
from koers.lib.due_rules import contact_interval
from koers.retention.selectors import retention_of
from koers.trajectories.models import TargetGroup
from koers.trajectories.selectors import last_hand_over


def context(file) -> dict:
    youth = file.youth
    return {
        "age": age_on(youth.birth_date, file.today),
        "contact_interval_days": contact_interval(
            own_days=youth.contact_interval_days,
            route=file.state.route if file.state else "",
            treatment_elsewhere=youth.treatment_elsewhere,
        ),
        "target_group_labels": [
            str(TargetGroup(code).label) for code in youth.target_groups if code in TargetGroup.values
        ],
        # Staff only: the file is never shown to the youth.
        "target_group_guidance": target_group_guidance(youth),
        "last_hand_over": last_hand_over(youth),
        "retention": retention_of(
            youth,
            trajectory_ids=[t.pk for t in file.trajectories],
            loaded={file.state.trajectory.pk: file.state.milestones} if file.state else {},
        ),
    }
