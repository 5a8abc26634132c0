"""The scenario schema: every parameter of the model, its default, range and meaning.

A scenario YAML file is validated against :class:`Scenario`. Defaults are the
baseline economy (China, 2025Q1, see ``docs/calibration.md``); a scenario file
only needs the keys it changes. Loading, ``extends:`` and ``--set`` overrides
live in :mod:`model.scenario_io`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from model.periods import parse_period
from model.policies import LEVERS

SKILLS = ("low", "mid", "high")
AGES = ("young", "prime", "older")
TASKS = ("routine_manual", "routine_cognitive", "non_routine")


class Section(BaseModel):
    """A block of the scenario: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class Mix(Section):
    """Relative weights or shares (``what``) that must not all be zero."""

    what: ClassVar[str] = "weights"

    @model_validator(mode="after")
    def _positive(self):
        if sum(getattr(self, name) for name in type(self).model_fields) <= 0:
            raise ValueError(f"{self.what} must not all be zero")
        return self


def _f(default, lo=None, hi=None, desc="", gt=None, lt=None):
    return Field(default, ge=lo, le=hi, gt=gt, lt=lt, description=desc, allow_inf_nan=False)


class Population(Section):
    firms: int = Field(2000, ge=1, le=2_000_000, description="Number of firm agents.")
    workers: int = Field(20000, ge=1, le=20_000_000, description="Number of worker agents.")
    gig_platforms: int = Field(3, ge=0, le=50, description="Gig platforms (ride-hailing, delivery, freelance).")
    industrial_platforms: int = Field(2, ge=0, le=50, description="Industrial internet / cloud-AI platforms.")
    people_per_worker: float = _f(37000.0, gt=0, hi=1e9, desc="People one worker agent stands for (for national figures).")


class Region(Section):
    name: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    firm_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of firms located here.")
    worker_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of workers living here.")
    infrastructure: float = _f(0.5, 0, 1, "Digital infrastructure level (5G, broadband, compute), 0..1.")
    productivity: float = _f(1.0, gt=0, hi=100, desc="Relative TFP level of firms here.")
    wage: float = _f(1.0, gt=0, hi=100, desc="Relative wage level here.")
    compute_cost: float = _f(1.0, gt=0, hi=100, desc="Relative cost of compute here (west cheaper: 东数西算).")
    green_power: float = _f(0.3, 0, 1, "Share of green power in this region's electricity.")


class TaskWeights(Mix):
    routine_manual: float = _f(0.4, 0, 1e3, "Weight of routine manual tasks (robots can do them).")
    routine_cognitive: float = _f(0.3, 0, 1e3, "Weight of routine cognitive tasks (AI can do them).")
    non_routine: float = _f(0.3, 0, 1e3, "Weight of non-routine tasks (AI augments high-skill labour).")
    what: ClassVar[str] = "task weights"


class Sector(Section):
    name: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    firm_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of firms in this sector.")
    income_elasticity: float = _f(1.0, 0, 5, "Income elasticity of demand (services > 1: demand shifts to them).")
    tasks: TaskWeights = Field(default_factory=TaskWeights)
    productivity: float = _f(1.0, gt=0, hi=100, desc="Relative TFP level of the sector.")
    data_intensity: float = _f(1.0, 0, 10, "How strongly data raises productivity here (x data.gain).")
    is_industry: bool = Field(False, description="Counts toward robot density (manufacturing).")
    investment_share: float = _f(1.0, 0, 1e6, "Relative share of investment goods (machines, robots, AI and data "
                                 "systems) bought from this sector; all zero: spread like consumption.")
    robot_applicability: float = _f(1.0, 0, 1, "Share of frontier.max_robot_share robots can take of this "
                                    "sector's routine manual tasks (field work: far less than the factory).")


class SizeClass(Section):
    name: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    firm_share: float = _f(1.0, gt=0, hi=1e6, desc="Relative share of firms in this size class.")
    mean_workers: float = _f(8.0, gt=0, hi=1e6, desc="Mean headcount (worker agents) of a firm of this class.")
    cost_factor: float = _f(1.0, gt=0, hi=100, desc="Adoption fixed-cost multiplier per worker (scale economies).")
    credit_ratio: float = _f(1.0, 0, 100, "Unsecured part of the credit line, in quarters of sales (SMEs: tighter).")
    loan_to_value: float = _f(0.0, 0, 1, "Secured part of the credit line: banks lend this share of the value of the "
                              "firm's installed capital, its collateral (SMEs: lower).")
    loan_premium: float = _f(0.0, 0, 0.5, "Yearly premium over the bank lending rate (riskier classes pay more "
                             "and lose credit first when banks are short of capital).")
    risk_aversion: float = _f(0.3, 0, 1, "Share of an uncertain gain the firm discounts (the 'afraid' barrier).")
    capability: float = _f(0.4, 0, 1, "Mean initial digital capability (absorptive capacity).")
    awareness: float = _f(0.5, 0, 1, "Initial share of firms aware of each technology's value.")
    adoption: dict[str, float] = Field(
        default_factory=lambda: {"data": 0.3, "robots": 0.05, "ai": 0.02},
        description="Initial adoption share by technology (data, robots, ai).",
    )

    @field_validator("adoption")
    @classmethod
    def _techs(cls, value):
        bad = set(value) - {"data", "robots", "ai"}
        if bad:
            raise ValueError(f"unknown technology {sorted(bad)[0]!r}; valid: data, robots, ai")
        for k, v in value.items():
            if not 0 <= v <= 1:
                raise ValueError(f"adoption.{k} must be between 0 and 1")
        return value


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
    young: float = _f(0.3, 0, 1)
    prime: float = _f(0.45, 0, 1)
    older: float = _f(0.25, 0, 1)
    what: ClassVar[str] = "age shares"


class Workforce(Section):
    digital_skill: SkillLevels = Field(default_factory=lambda: SkillLevels(low=0.37, mid=0.55, high=0.7),
                                       description="Mean initial digital skill (0..1) by skill level.")
    age_shares: AgeShares = Field(default_factory=AgeShares)
    older_digital_penalty: float = _f(0.15, 0, 1, "How much lower older workers' digital skill starts.")
    young_digital_bonus: float = _f(0.1, 0, 1, "How much higher young workers' digital skill starts.")
    initial_unemployment: float = _f(0.05, 0, 0.9, "Share of workers unemployed at the start.")
    initial_gig_share: float = _f(0.2, 0, 0.9, "Share of workers working through gig platforms at the start.")
    retirement_rate: float = _f(0.01, 0, 0.5, "Quarterly share of older workers replaced by young entrants.")
    entrant_digital_skill: float = _f(0.65, 0, 1, "Mean digital skill of young labour-market entrants.")
    entrant_skills: SkillMix = Field(default_factory=SkillMix, description="Shares of low-, mid- and high-skill "
                                     "workers among young labour-market entrants (normalised; a hand choice).")
    jobless_skills: SkillMix = Field(default_factory=lambda: SkillMix(low=0.6, mid=0.32, high=0.08),
                                     description="Shares of low-, mid- and high-skill workers among those not "
                                     "employed by a firm at the start, gig workers and job seekers (normalised; a "
                                     "hand choice).")
    digital_threshold: float = _f(0.5, 0, 1, "Digital skill at which a worker counts as digitally skilled.")


class TechnologyParams(Section):
    available: bool = Field(True, description="Whether the technology exists at all: false switches it off "
                                              "everywhere (no firm starts with, adopts or enters with it; the "
                                              "counterfactual of `python run.py decompose`).")
    fixed_cost: float = _f(1.0, 0, 1e4, "One-off cost per worker^0.7 (quarters of one worker's output).")
    gain: float = _f(0.1, 0, 5, "Size of the productivity effect (see production).")
    adjust_quarters: float = _f(3.0, 0, 40, "Adjustment period before gains arrive (capable firms: shorter).")
    adjust_cost: float = _f(0.05, 0, 0.9, "Productivity lost while adjusting.")
    skill_threshold: float = _f(0.2, 0, 1, "Share of digitally skilled staff needed (the 'unable' barrier).")
    uncertainty: float = _f(0.5, 0, 1, "How uncertain the gain looks before peers show it.")
    running_cost: float = _f(0.01, 0, 1, "Quarterly running cost as a share of output (licences, compute, upkeep).")


def _tech(**kw):
    return Field(default_factory=lambda: TechnologyParams(**kw))


class Technologies(Section):
    data: TechnologyParams = _tech(fixed_cost=0.6, gain=0.08, adjust_quarters=2, adjust_cost=0.03,
                                   skill_threshold=0.15, uncertainty=0.4, running_cost=0.01)
    robots: TechnologyParams = _tech(fixed_cost=1.5, gain=1.0, adjust_quarters=4, adjust_cost=0.06,
                                     skill_threshold=0.1, uncertainty=0.5, running_cost=0.005)
    ai: TechnologyParams = _tech(fixed_cost=1.2, gain=0.5, adjust_quarters=3, adjust_cost=0.05,
                                 skill_threshold=0.3, uncertainty=0.6, running_cost=0.01)


class Frontier(Section):
    robot_price: float = _f(11.5, gt=0, hi=1e5, desc="Price of one robot at the start, in quarters of a low-skill wage.")
    robot_price_elasticity: float = _f(2.0, 0.1, 20, "How strongly robot users' automated share follows the log "
                                       "wage/robot cost ratio (1/spread of tasks' integration costs; automation.py).")
    robot_price_decline: float = _f(0.06, -0.5, 0.9, "Yearly fall in robot prices.")
    robot_productivity: float = _f(2.5, gt=0, hi=100, desc="Routine manual task units one robot performs (vs one worker = 1).")
    robot_depreciation: float = _f(0.025, 0, 1, "Quarterly depreciation of the robot stock.")
    max_robot_share: float = _f(0.5, 0, 1, "Share of routine manual tasks robots can technically do at the start "
                                "(the ceiling, times each sector's robot_applicability; firms automate below it by cost).")
    robot_ceiling_growth: float = _f(0.03, 0, 1, "Yearly fall in the share of routine manual tasks robots cannot yet do.")
    automation_cost: float = _f(1.4, -10, 10, "Median firm's log cost of integrating a robot into a routine manual "
                                "task, against the robot's task cost: a robot user automates half of what it can "
                                "where the low-skill wage is e^automation_cost times that cost.")
    automation_cost_dispersion: float = _f(0.5, 0, 5, "Spread (standard deviation) of firms' log integration cost.")
    ai_capability: float = _f(0.3, 0, 1, "AI capability at the start (0..1).")
    ai_capability_growth: float = _f(0.25, 0, 5, "Yearly logistic growth rate of AI capability.")
    # below 1: AI's tasks are their own argument of the task CES (production.py), beside people's routine cognitive
    # tasks, which keep the rest of the group's weight
    max_ai_share: float = _f(0.7, 0, desc="Most of routine cognitive tasks AI can take at full capability "
                                          "(below 1: people do the rest).", lt=1)
    ai_new_tasks: float = _f(0.6, 0, 10, "New non-routine task weight AI creates at full capability (reinstatement).")
    ai_task_cost: float = _f(0.2, gt=0, hi=10, desc="Compute for one routine cognitive task unit done by AI, at the "
                             "start, relative to the mid-skill wage (it falls with the cost of compute): the price at "
                             "which firms weigh AI's tasks against people's.")
    ai_price_elasticity: float = _f(2.0, 0.1, 20, "How strongly the share of routine cognitive tasks firms give AI "
                                    "follows the log of the mid-skill wage over AI's compute per task.")
    ai_integration_cost: float = _f(1.6, -10, 10, "Log cost of integrating AI into the median routine cognitive task: "
                                    "AI takes a task where the mid-skill wage is e^ai_integration_cost times its "
                                    "compute (1.6: at the start's compute, a fifth of the wage, half the tasks AI "
                                    "could do).")
    ai_integration_dispersion: float = _f(0.5, 0, 5, "Spread (standard deviation) of firms' log cost of integrating "
                                          "AI, drawn at birth around ai_integration_cost (as robots').")
    compute_cost_decline: float = _f(0.15, -0.5, 0.9, "Yearly fall in the cost of compute.")
    home_innovation_share: float = _f(0.25, 0, 1, "Share of the frontier's progress (robot prices and reach, compute "
                                      "cost, AI capability) that comes from this economy's digital producers: it "
                                      "moves with their innovation; the rest follows the trends (frontier.py). 0.25: "
                                      "about China's share of the world's R&D spending (OECD MSTI, 2021-2022).")
    tfp_trend: float = _f(0.0, -0.1, 0.1, "Yearly disembodied TFP growth common to every firm, on top of what "
                          "firms' own R&D finds and copies (innovation.py).")


class Adoption(Section):
    bass_p: float = _f(0.02, 0, 1, "Quarterly chance of becoming aware from outside information (Bass p).")
    bass_q: float = _f(0.3, 0, 5, "Peer effect: awareness from adopting peers in sector and region (Bass q).")
    belief_learning: float = _f(0.3, 0, 1, "How fast beliefs move toward gains peers realised.")
    belief_noise: float = _f(0.4, 0, 3, "Spread of firms' initial beliefs about a technology's gain.")
    hazard: float = _f(0.2, 0, 1, "Quarterly chance that a firm passing every barrier adopts.")
    horizon_quarters: float = _f(16.0, 1, 200, "Payback horizon firms weigh gains over.")
    infrastructure_discount: float = _f(0.3, 0, 1, "Cost discount at full regional infrastructure.")
    capability_speed: float = _f(0.1, 0, 1, "Quarterly speed at which capability moves to its target.")


class Production(Section):
    capital_elasticity: float = _f(0.4, 0.01, 0.9, "Output elasticity of capital (beta).")
    capital_output: float = _f(10.0, 0.1, 100, "Capital per unit of quarterly output that firms target.")
    capital_depreciation: float = _f(0.02, 0, 0.5, "Quarterly depreciation of the capital stock.")
    hurdle_rate: float = _f(0.12, 0, 2, "Yearly return firms require on robots (the interest part of their user "
                            "cost; never below the lending rate).")
    capital_adjustment: float = _f(0.1, 0, 1, "Share of the gap to the target capital stock a firm closes each quarter.")
    demand_expectation: float = _f(0.25, 0, 1, "Quarterly speed at which the demand firms expect over the life of "
                                   "their capital follows the demand they meet.")
    sigma_min: float = _f(0.5, 0.05, 20, "Elasticity of substitution between task groups at zero capability.")
    sigma_max: float = _f(2.5, 0.05, 20, "Elasticity of substitution at full digital capability (seed 004).")
    automation_sigma: float = _f(0.5, 0.05, 5, "Elasticity of substitution between automated tasks (robots' and "
                                 "AI's) and the bundle of human tasks (at 4 with the default frontier.ai_task_cost, AI's "
                                 "cheap tasks take so much work that the baseline is not viable; below 1: gross complements, so displacement outweighs "
                                 "the productivity effect at a given output; at 8 the baseline's cost-minimising "
                                 "start has 25 robots per worker and is not viable).")
    data_scale: float = _f(2.0, gt=0, hi=1e6, desc="Data stock (quarters of output) at which data raises "
                           "productivity by half its most (returns x / (1 + x), x the stock over data_scale "
                           "quarters of output).")
    data_generation: float = _f(0.25, 0, 10, "Data generated per unit of output per quarter by data adopters.")
    data_depreciation: float = _f(0.05, 0, 1, "Quarterly depreciation of data stocks.")
    public_data_stock: float = _f(2.0, 0, 1e6, "Public data usable by every data adopter when fully opened (x data_scale).")
    data_task_coverage: float = _f(0.32, 0, 1, "Share of a data user's tasks run on data systems (digital penetration).")
    productivity_shock: float = _f(0.015, 0, 1, "Std. dev. of quarterly idiosyncratic log-TFP shocks.")
    initial_dispersion: float = _f(0.35, 0, 3, "Std. dev. of initial log-TFP across firms.")
    markup: float = _f(0.15, 0, 5, "Price markup over unit cost.")


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
    rent_sharing: float = _f(0.3, 0, 2, "Firm productivity premium passed to its workers' wages.")
    digital_premium: float = _f(0.15, 0, 2, "Wage premium for digitally skilled staff at digital firms.")
    skill_wages: SkillWages = Field(default_factory=SkillWages,
                                     description="Initial quarterly wage by skill (units of output).")
    unemployment_benefit: float = _f(0.3, 0, 2, "Unemployment benefit as a share of the low-skill wage.")
    ai_digital_requirement: float = _f(0.45, 0, 1, "Digital skill required for mid/high jobs at AI-integrated firms.")


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


class Innovation(Section):
    rd_share: float = _f(0.02, 0, 1, "R&D firms buy each quarter as a share of last quarter's revenue (business "
                         "R&D is about 2% of China's GDP; innovation.py).")
    innovation_share: float = _f(0.5, 0, 1, "Share of R&D spent searching for new techniques; the rest imitates.")
    innovation_rate: float = _f(8.0, 0, 1e4, "Chance of an innovation per unit of innovative R&D intensity: "
                                "1 - exp(-rate x share x intensity x digital boost) a quarter.")
    imitation_rate: float = _f(1.0, 0, 1e4, "Chance of studying a better firm per unit of imitative R&D intensity, "
                               "as for innovation_rate.")
    step_mean: float = _f(0.0, -1, 1, "Mean log change of a drawn technique against the firm's own (kept only if "
                          "better).")
    step_spread: float = _f(0.015, 0, 1, "Std. dev. of the log change of a drawn technique.")
    catch_up: float = _f(0.25, 0, 1, "Share of the gap to a better firm's technique an imitator closes.")
    local_share: float = _f(0.7, 0, 1, "Chance an imitator studies a firm of its own region (else any region), "
                            "always of its sector.")
    digital_boost: float = _f(0.5, 0, 20, "How much digital capability and data raise the chances of innovating "
                              "and imitating (d = 1 + boost x (capability + D / (D + data_scale x output)) for data users "
                              "with effective data D).")


class IndustrialPlatforms(Section):
    subscription: float = _f(0.01, 0, 1, "Quarterly fee as a share of a member's output.")
    cost_discount: float = _f(0.3, 0, 1, "Adoption cost discount for members (shared tools, cloud).")
    skill_support: float = _f(0.5, 0, 1, "Share of the digital-skill requirement the platform supplies (AI services).")
    pool_share: float = _f(0.3, 0, 1, "Share of members' data pooled (data-sharing rules raise it).")
    pool_relevance: float = _f(0.02, 0, 1, "Weight of the pooled data in a member's effective data.")
    join_rate: float = _f(0.1, 0, 1, "Quarterly chance a firm that gains from membership joins.")
    initial_members: float = _f(0.1, 0, 1, "Share of firms that are members at the start.")
    capability_boost: float = _f(0.15, 0, 1, "Added to a member's capability target.")
    ai_service_efficiency: float = _f(0.6, 0, 1, "What AI rented from the platform as a service delivers, as a share "
                                      "of an own, tailored system's task share and augmentation (0: no AI service).")
    ai_service_fee: float = _f(0.3, 0, None, "Share of the gain measured in a renter's output that it pays the "
                               "platform each quarter (pay by effect, seed 003).", lt=1)


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


class Demand(Section):
    dividend_payout: float = _f(0.5, 0, 1, "Share of after-tax profit firms pay to their owners (households).")
    inflation_target: float = _f(0.02, -0.1, 0.5, "Yearly inflation wage setters expect (the nominal anchor).")
    price_pressure: float = _f(0.3, 0, 5, "Markup response to demand above (or below) a firm's capacity.")
    share_adjustment: float = _f(0.1, 0, 5, "Speed at which market shares follow price competitiveness.")
    income_tax: float = _f(0.2, 0, 0.9, "Tax and social contributions on wages and gig earnings.")
    quality_data: float = _f(0.05, 0, 2, "Quality gain of a firm's products once data is integrated (buyers "
                             "compare price over quality; model/quality.py).")
    quality_ai: float = _f(0.05, 0, 2, "Quality gain once AI is integrated (customisation; model/quality.py).")


class Households(Section):
    propensity_income: float = _f(0.85, 0, 1, "Share of expected disposable income workers consume.")
    propensity_wealth: float = _f(0.03, 0, 1, "Quarterly share of deposits households consume.")
    owners_propensity_income: float = _f(0.4, 0, 1, "Share of expected disposable income owners (of firms, banks "
                                         "and platforms) consume.")
    expectation_speed: float = _f(0.5, 0, 1, "Speed at which expected income follows realised income.")


class Government(Section):
    consumption_share: float = _f(0.15, 0, 0.9, "Government consumption at the start, as a share of GDP.")
    consumption_growth: float = _f(0.045, -0.5, 1, "Yearly real growth of government consumption.")
    profit_tax: float = _f(0.25, 0, 0.9, "Tax rate on firms' positive profits.")
    pensions_share: float = _f(0.055, 0, 0.5, "Pensions as a share of the constructed start's GDP (before the "
                               "burn-in; the baseline pays 5.4% of GDP at step 1); they grow in real "
                               "terms at consumption_growth and with the consumer price level, and each household "
                               "receives them in proportion to its skill level's wage (earnings-related pensions). "
                               "China's basic pension insurance paid about 4% of GDP in 2015 and 5.5% in 2022 "
                               "(MOHRSS statistical bulletins).")


class Trade(Section):
    export_growth: float = _f(0.04, -0.5, 1, "Yearly real growth of foreign demand for exports.")
    export_price_elasticity: float = _f(1.5, 0, 10, "Price elasticity of exports: foreign demand falls (rises) by "
                                        "this much per 1% that domestic prices rise faster (slower) than world "
                                        "prices, which grow at the inflation target.")
    import_share: float = _f(0.18, 0, 0.9, "Share of household and investment spending that buys imports.")
    robot_import_share: float = _f(0.6, 0, 1, "Share of spending on robots that buys imported robots (foreign "
                                   "brands held about 60-70% of China's industrial-robot sales to 2020).")


class Banking(Section):
    policy_rate: float = _f(0.025, -0.05, 0.5, "Yearly policy rate: banks lend at it plus a spread; bonds pay it.")
    loan_spread: float = _f(0.02, 0, 0.5, "Yearly spread of the lending rate over the policy rate.")
    deposit_spread: float = _f(0.01, 0, 0.5, "Yearly spread of the policy rate over the deposit rate (floor 0).")
    capital_requirement: float = _f(0.08, 0, 1, "Bank equity required per unit of loans; below it banks cut credit "
                                    "lines, the riskiest borrowers first.")
    initial_capital_ratio: float = _f(0.12, 0.01, 1, "Bank equity per unit of loans at the start.")
    initial_drawdown: float = _f(0.5, 0, 1, "Share of credit lines drawn at the start.")
    dividend_payout: float = _f(0.5, 0, 1, "Share of positive bank profit paid to owners.")
    cash_buffer: float = _f(0.1, 0, 20, "Quarters of costs a firm keeps in deposits before repaying loans.")


class Initial(Section):
    burn_in: int = Field(16, ge=0, le=200, description="Quarters the economy runs before step 0 without "
                         "levers, first with the technology of growth_quarters before the start and no trend growth, "
                         "its last growth_quarters on the growth path, so the first reported quarter starts from a "
                         "settled, growing state (0: start from the constructed state).")
    growth_quarters: int = Field(8, ge=0, le=200, description="The burn-in's last quarters that run on the growth "
                                 "path (every rule but the levers; the technology frontier wound back by as many "
                                 "quarters, so it reaches the scenario's start at step 0), so that step 0 is a "
                                 "growing economy; at most burn_in (0: the whole burn-in stationary).")


class EntryExit(Section):
    exit_after_quarters: int = Field(6, ge=1, le=200, description="Quarters of losses with exhausted credit before exit.")
    exit_hazard: float = _f(0.005, 0, 1, "Quarterly background exit chance.")
    entrant_digital_base: float = _f(0.1, 0, 1, "Chance an entrant is digital (data) from birth at zero adoption.")
    entrant_digital_slope: float = _f(0.75, 0, 5, "Increase of that chance with the data adoption of firms of its size class.")
    entrant_productivity: float = _f(0.9, gt=0, hi=10, desc="Entrant TFP relative to the sector mean.")


class Green(Section):
    compute_per_ai_firm: float = _f(1.0, 0, 1e6, "Compute energy (GWh-equivalent per quarter) per unit of AI-using output.")
    compute_per_data: float = _f(0.1, 0, 1e6, "Energy per unit of stored data.")
    energy_efficiency_gain: float = _f(0.1, 0, 0.9, "Yearly fall in energy per unit of compute.")
    carbon_intensity: float = _f(0.6, 0, 10, "Emissions per unit of non-green energy.")


LeverField = Annotated[
    Union[tuple(Annotated[cls, Tag(name)] for name, cls in sorted(LEVERS.items()))]  # type: ignore[misc]
    if LEVERS else Any,
    Discriminator(lambda v: v.get("lever") if isinstance(v, dict) else getattr(v, "lever", None)),
]


def _regions():
    return [
        Region(name="east", firm_share=0.5, worker_share=0.42, infrastructure=0.8, productivity=1.15,
               wage=1.15, compute_cost=1.2, green_power=0.25),
        Region(name="central", firm_share=0.3, worker_share=0.33, infrastructure=0.55, productivity=0.95,
               wage=0.95, compute_cost=1.0, green_power=0.3),
        Region(name="west", firm_share=0.2, worker_share=0.25, infrastructure=0.4, productivity=0.85,
               wage=0.85, compute_cost=0.7, green_power=0.45),
    ]


def _sectors():
    return [
        Sector(name="agriculture", firm_share=0.1, income_elasticity=0.5,
               tasks=TaskWeights(routine_manual=0.7, routine_cognitive=0.1, non_routine=0.2),
               productivity=0.6, data_intensity=0.4, robot_applicability=0.3, investment_share=0.0),
        Sector(name="industry", firm_share=0.3, income_elasticity=0.9,
               tasks=TaskWeights(routine_manual=0.5, routine_cognitive=0.25, non_routine=0.25),
               productivity=1.0, data_intensity=0.85, is_industry=True, investment_share=0.7),
        Sector(name="services", firm_share=0.6, income_elasticity=1.2,
               tasks=TaskWeights(routine_manual=0.2, routine_cognitive=0.4, non_routine=0.4),
               productivity=1.0, data_intensity=1.6, investment_share=0.3),
    ]


def _sizes():
    # the calibrated history's state at 2025Q1 (python -m model.calibration.handoff; docs/calibration.md)
    return [
        SizeClass(name="large", firm_share=0.03, mean_workers=60, cost_factor=0.6, credit_ratio=2.0,
                  risk_aversion=0.2, capability=0.53, awareness=0.62,
                  adoption={"data": 1.0, "robots": 0.7, "ai": 0.55}),
        SizeClass(name="sme", firm_share=0.32, mean_workers=12, cost_factor=1.0, credit_ratio=0.6, loan_premium=0.01,
                  risk_aversion=0.4, capability=0.4, awareness=0.59,
                  adoption={"data": 0.88, "robots": 0.22, "ai": 0.17}),
        SizeClass(name="micro", firm_share=0.65, mean_workers=3, cost_factor=1.3, credit_ratio=0.3, loan_premium=0.02,
                  risk_aversion=0.5, capability=0.31, awareness=0.49,
                  adoption={"data": 0.61, "robots": 0.016, "ai": 0.04}),
    ]


class Scenario(Section):
    """A complete, validated scenario: the single input of a run."""

    name: str = Field("scenario", min_length=1, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
                      description="Scenario name (letters, digits, _ . -); names the output folder.")
    description: str = Field("", max_length=5000, description="The question this scenario answers.")
    start: str = Field("2025Q1", description="First period (step 0), e.g. 2025Q1.")
    steps: int = Field(40, ge=0, le=2000, description="Number of quarters to simulate.")
    seed: int = Field(42, ge=0, le=2**63 - 1, description="Random seed (overridden by --seed).")
    population: Population = Field(default_factory=Population)
    regions: list[Region] = Field(default_factory=_regions, min_length=1, max_length=50)
    sectors: list[Sector] = Field(default_factory=_sectors, min_length=1, max_length=50)
    size_classes: list[SizeClass] = Field(default_factory=_sizes, min_length=1, max_length=10)
    workforce: Workforce = Field(default_factory=Workforce)
    technology: Technologies = Field(default_factory=Technologies)
    frontier: Frontier = Field(default_factory=Frontier)
    adoption: Adoption = Field(default_factory=Adoption)
    production: Production = Field(default_factory=Production)
    labour: Labour = Field(default_factory=Labour)
    gig: Gig = Field(default_factory=Gig)
    industrial_platforms: IndustrialPlatforms = Field(default_factory=IndustrialPlatforms)
    innovation: Innovation = Field(default_factory=Innovation)
    training: Training = Field(default_factory=Training)
    careers: Careers = Field(default_factory=Careers)
    demand: Demand = Field(default_factory=Demand)
    households: Households = Field(default_factory=Households)
    government: Government = Field(default_factory=Government)
    trade: Trade = Field(default_factory=Trade)
    banking: Banking = Field(default_factory=Banking)
    initial: Initial = Field(default_factory=Initial)
    entry_exit: EntryExit = Field(default_factory=EntryExit)
    green: Green = Field(default_factory=Green)
    policies: list[LeverField] = Field(default_factory=list, max_length=200,
                                       description="Scheduled policy levers (see `run.py list`).")

    @field_validator("start")
    @classmethod
    def _period(cls, value):
        parse_period(value)
        return value.strip().upper()

    @model_validator(mode="after")
    def _unique_names(self):
        for key in ("regions", "sectors", "size_classes"):
            names = [item.name for item in getattr(self, key)]
            if len(set(names)) != len(names):
                raise ValueError(f"{key}: names must be unique (got {names})")
        for i, lever in enumerate(self.policies):
            try:
                lever.check(self)
            except ValueError as exc:
                raise ValueError(f"policies.{i}.{exc}") from None
            for bound in ("start", "end"):
                value = getattr(lever, bound)
                if isinstance(value, str) and parse_period(value) < parse_period(self.start):
                    raise ValueError(f"policies.{i}.{bound}: {value} is before the scenario start {self.start}")
        return self
