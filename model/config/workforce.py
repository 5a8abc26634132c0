"""Workers and their markets: skills, the workforce, labour market, gig work, training and careers."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from model.config.base import Mix, Section, _f


class SkillLevels(Section):
    low: float = _f(0.3, 0, 1)
    mid: float = _f(0.5, 0, 1)
    high: float = _f(0.7, 0, 1)


class SkillMix(Mix):
    low: float = _f(0.35, 0, 1, "Relative share of low-skill workers (routine manual work).")
    mid: float = _f(0.45, 0, 1, "Relative share of mid-skill workers (routine cognitive work).")
    high: float = _f(0.2, 0, 1, "Relative share of high-skill workers (non-routine work).")
    what: ClassVar[str] = "skill shares"

    def shares(self) -> list[float]:
        """The three shares (low, mid, high), normalised to sum to one."""
        total = self.low + self.mid + self.high
        return [self.low / total, self.mid / total, self.high / total]


class SkillWages(Section):
    low: float = _f(0.45, gt=0, hi=1e6)
    mid: float = _f(0.65, gt=0, hi=1e6)
    high: float = _f(1.1, gt=0, hi=1e6)


class AgeShares(Mix):
    """Starting shares of the age bands; the defaults are near the stationary shares of 15 years young, 20 prime
    and 10 older (1/3, 4/9, 2/9) that the ageing rates and ``workforce.retirement_rate`` keep."""

    young: float = _f(0.33, 0, 1)
    prime: float = _f(0.445, 0, 1)
    older: float = _f(0.225, 0, 1)
    what: ClassVar[str] = "age shares"


class Workforce(Section):
    digital_skill: SkillLevels = Field(default_factory=lambda: SkillLevels(low=0.37, mid=0.55, high=0.7),
                                       description="Mean initial digital skill (0..1) by skill level.")
    age_shares: AgeShares = Field(default_factory=AgeShares)
    older_digital_penalty: float = _f(0.15, 0, 1, "How much lower older workers' digital skill starts.")
    young_digital_bonus: float = _f(0.1, 0, 1, "How much higher young workers' digital skill starts.")
    initial_unemployment: float = _f(0.05, 0, 0.9, "Share of workers unemployed at the start.")
    initial_gig_share: float = _f(0.26, 0, 0.9, "Share of workers working through gig platforms at the start.")
    retirement_rate: float = _f(0.025, 0, 0.5, "Quarterly share of older workers who retire and are replaced by "
                                "young entrants. 0.025: ten years in the older band (from 50 to China's statutory "
                                "retirement ages of 50-60), which with 15 years young and 20 prime keeps the default "
                                "age shares near stationary.")
    entrant_digital_skill: float = _f(0.65, 0, 1, "Mean digital skill of young labour-market entrants.")
    entrant_skills: SkillMix = Field(default_factory=lambda: SkillMix(low=0.09, mid=0.31, high=0.6),
                                     description="Shares of low-, mid- and high-skill workers among young "
                                     "labour-market entrants at the start (normalised). Read from schooling: high = "
                                     "tertiary gross enrolment ratio two years before (60.2% in 2023), low = one "
                                     "less the senior-secondary ratio four years before (91.4% in 2021), mid the "
                                     "rest (Ministry of Education statistical bulletins).")
    jobless_skills: SkillMix = Field(default_factory=lambda: SkillMix(low=0.6, mid=0.32, high=0.08),
                                     description="Shares of low-, mid- and high-skill workers among those not "
                                     "employed by a firm at the start, gig workers and job seekers (normalised; a "
                                     "hand choice).")
    digital_threshold: float = _f(0.5, 0, 1, "Digital skill at which a worker counts as digitally skilled.")


class Labour(Section):
    matching_efficiency: float = _f(0.5, 0, 5, "Matching-function efficiency (search frictions; online recruitment raises it).")
    matching_elasticity: float = _f(0.5, 0.01, 0.99, "Elasticity of matches with respect to job seekers.")
    separation_rate: float = _f(0.02, 0, 1, "Quarterly exogenous separation rate.")
    layoff_speed: float = _f(0.5, 0, 1, "Share of excess staff a firm lets go each quarter.")
    hiring_slack: float = _f(0.0, 0, 1, "Extra vacancies posted above need.")
    cross_region_search: float = _f(0.1, 0, 1, "Share of job seekers searching in another region.")
    mobility_cost: float = _f(0.5, 0, 1, "Share of cross-region matches lost to mobility costs (hukou, housing).")
    wage_flexibility: float = _f(0.01, 0, 1, "Quarterly wage response to unemployment below (above) the structural "
                                 "rate of its region and skill (fixed at the start; it never follows actual unemployment).")
    structural_unemployment: float = _f(0.08, 0.005, 0.5, "Mean unemployment rate at which wages grow with expected "
                                        "inflation and productivity (cells keep the relative rates of the starting "
                                        "population; fixed: it never follows actual unemployment).")
    price_indexation: float = _f(0.5, 0, 1, "Weight of last quarter's inflation, against the inflation target, in "
                                 "wage setters' expected inflation.")
    productivity_indexation: float = _f(1.0, 0, 1.5, "Pass-through of the productivity trend into wages.")
    rent_sharing: float = _f(0.3, 0, 1, "Workers' share of their firm's output per worker above or below its "
                             "sector's: wage premium (1 - share) + share x firm / sector output per worker.")
    digital_premium: float = _f(0.15, 0, 2, "Wage premium for digitally skilled staff at digital firms.")
    skill_wages: SkillWages = Field(default_factory=SkillWages,
                                     description="Initial quarterly wage by skill (units of output).")
    unemployment_benefit: float = _f(0.3, 0, 2, "Unemployment benefit as a share of the low-skill wage.")
    ai_digital_requirement: float = _f(0.208477, 0, 1, "Digital skill required for mid/high jobs at AI-integrated firms.")


class Gig(Section):
    initial_earnings: float = _f(0.9, gt=0, hi=10, desc="Gig net earnings at the start relative to the low-skill wage (sets gig demand).")
    tasks_per_worker: float = _f(1.0, gt=0, hi=1e6, desc="Service units a gig worker can deliver per quarter.")
    street_utilisation: float = _f(0.5, 0, 1, "Utilisation without a platform algorithm (street-hail taxis, seed "
                                   "004): the baseline of platform_matching_gain.")
    algorithm_utilisation: float = _f(0.85, 0, 1, "Utilisation the matching algorithm reaches.")
    commission: float = _f(0.2, 0, 0.95, "Baseline commission rate.")
    commission_power: float = _f(0.3, 0, 5, "How much a dominant platform raises its commission with its share.")
    max_commission: float = _f(0.35, 0, 0.95, "Highest commission a platform charges.")
    network_effect: float = _f(1.3, 0, 5, "Exponent of the network effect in consumers' platform choice.")
    join_rate: float = _f(0.3, 0, 1, "Quarterly chance an eligible worker joins when gig pays more.")
    reservation_ratio: float = _f(0.6, 0, 2, "Job seekers take gig work only if it pays this share of the market wage for their skill.")
    quit_rate: float = _f(0.2, 0, 1, "Quarterly chance a gig worker quits when gig pays less than the alternative.")
    search_intensity: float = _f(0.5, 0, 1, "Job-search intensity of gig workers relative to the unemployed.")
    reach_growth: float = _f(0.011, 0, 1, "Quarterly growth of the digital reach of consumers.")
    initial_reach: float = _f(0.8, 0, 1, "Share of consumers reached by platforms at the start.")


class Training(Section):
    employer_rate: float = _f(0.02, 0, 1, "Quarterly share of staff at AI/data firms trained by the employer.")
    duration_quarters: int = Field(2, ge=1, le=40, description="Length of a training course (quarters).")
    success_rate: float = _f(0.7, 0, 1, "Chance a course raises digital skill.")
    skill_gain: float = _f(0.2, 0, 1, "Digital skill gained on success.")
    on_the_job: float = _f(0.005, 0, 1, "Quarterly digital-skill gain at digital firms and on platforms.")
    decay: float = _f(0.002, 0, 1, "Quarterly digital-skill loss otherwise.")


class Careers(Section):
    upgrade_rate: float = _f(0.005, 0, 1, "Quarterly chance an experienced employee moves up a skill level (to high "
                             "only if digitally skilled).")
    experience_quarters: int = Field(8, ge=0, le=400, description="Quarters in a job before a move up is possible.")
    training_promotion: float = _f(0.3, 0, 1, "Chance a successful training course also moves the worker up a skill "
                                   "level (to high only if digitally skilled).")
    downgrade_rate: float = _f(0.02, 0, 1, "Quarterly chance a long-term unemployed worker moves down a skill level.")
    scarring_quarters: int = Field(4, ge=0, le=400, description="Quarters of unemployment after which skills decay.")
    entrant_digital_growth: float = _f(0.01, 0, 0.2, "Yearly rise of young entrants' mean digital skill (each "
                                       "cohort arrives with the skill of its time).")
    entrant_high_growth: float = _f(0.006, -0.2, 0.2, "Yearly change of the high-skill share of young entrants "
                                    "(points of the share; the tertiary gross enrolment ratio rose 0.6 points a year "
                                    "in 2022-2024, Ministry of Education).")
    entrant_low_decline: float = _f(0.002, -0.2, 0.2, "Yearly fall of the low-skill share of young entrants "
                                    "(the senior-secondary gross enrolment ratio rose 0.2 points a year in "
                                    "2021-2023, Ministry of Education).")
    entrant_high_ceiling: float = _f(0.65, 0, 1, "Share of high-skill entrants at which a rising share stops (a hand "
                                     "choice: the tertiary enrolment ratio flattened near 60% in 2023-2024).")
