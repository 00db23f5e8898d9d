"""Which working elements a made-up contact is coded with: 5 to 8 per conversation, as in the
N=1 study, drawn with weights that follow the route (work, school, care) or aftercare."""

import random

# How often a consultant applies each element in any conversation (relative weights).
BASE_WEIGHTS = {
    "trust_communicate_with": 9,
    "trust_fixed_consultant": 6,
    "trust_second_chance": 3,
    "trust_personal_attention": 9,
    "qualities_self_insight": 6,
    "qualities_self_confidence": 6,
    "qualities_sense_of_reality": 5,
    "qualities_motivation": 7,
    "qualities_possibilities": 7,
    "situation_practical_support": 6,
    "situation_stress_sensitive": 5,
    "situation_cooperation": 5,
    "network_direct_environment": 4,
    "network_peers_role_models": 2,
    "skills_vocational": 3,
    "skills_employee_social": 4,
    "skills_job_application": 5,
    "education_flexible_entry": 1,
    "education_learning_in_practice": 2,
    "education_career_guidance": 4,
    "employers_encourage_meetings": 1,
    "employers_contact_point": 2,
    "employers_socially_committed": 1,
    "workplace_signal_early": 2,
    "workplace_inform_colleagues": 1,
    "workplace_fitting_work": 2,
    "other_accompany": 2,
    "other_trajects_mediation": 4,
    "other_inform_possibilities": 6,
    "other_practical_skills_support": 3,
}
# Extra weight per profile, by code prefix or full code.
PROFILE_FACTORS = {
    "work": {"skills_job_application": 3, "employers_": 3, "workplace_fitting_work": 2},
    "school": {"education_": 4, "other_inform_possibilities": 2},
    "care": {"situation_": 2, "network_": 2},
    "aftercare": {"workplace_": 4, "trust_personal_attention": 2},
}


class InterventionPicker:
    """Draws distinct codes from the active working elements."""

    def __init__(self, codes: list[str]):
        self.codes = sorted(codes)
        self.cumulative: dict[str, list[float]] = {}
        for profile in ("", *PROFILE_FACTORS):
            factors = PROFILE_FACTORS.get(profile, {})
            total, cumulative = 0.0, []
            for code in self.codes:
                weight = BASE_WEIGHTS.get(code, 1)
                for key, factor in factors.items():
                    if code.startswith(key):
                        weight *= factor
                total += weight
                cumulative.append(total)
            self.cumulative[profile] = cumulative

    def pick(self, rng: random.Random, count: int, profile: str = "") -> list[str]:
        cumulative = self.cumulative.get(profile, self.cumulative[""])
        count = min(count, len(self.codes))
        chosen: list[str] = []
        while len(chosen) < count:
            for code in rng.choices(self.codes, cum_weights=cumulative, k=count - len(chosen)):
                if code not in chosen:
                    chosen.append(code)
        return chosen
