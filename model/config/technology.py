"""Technology: data, robots and AI, the frontier, adoption, production, innovation, industrial platforms and green compute."""

from __future__ import annotations

from pydantic import Field, model_validator

from model.config.base import Section, _f


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
    ai: TechnologyParams = _tech(fixed_cost=1.2, gain=0.724168, adjust_quarters=3, adjust_cost=0.05,
                                 skill_threshold=0.3, uncertainty=0.6, running_cost=0.01)


class Frontier(Section):
    robot_price: float = _f(4.28, gt=0, hi=1e5, desc="Price of one robot at the start, in quarters of a low-skill wage.")
    robot_price_elasticity: float = _f(0.834169, 0.1, 20, "How strongly robot users' automated share follows the log "
                                       "wage/robot cost ratio (1/spread of tasks' integration costs; automation.py).")
    robot_price_decline: float = _f(0.071327, -0.5, 0.9, "Yearly fall in robot prices.")
    robot_productivity: float = _f(2.5, gt=0, hi=100, desc="Routine manual task units one robot performs (vs one worker = 1).")
    robot_depreciation: float = _f(0.025, 0, 1, "Quarterly depreciation of the robot stock.")
    max_robot_share: float = _f(0.47739, 0, 1, "Share of routine manual tasks robots can technically do at the start "
                                "(the ceiling, times each sector's robot_applicability; firms automate below it by cost).")
    robot_ceiling_growth: float = _f(0.03, 0, 1, "Yearly fall in the share of routine manual tasks robots cannot yet do.")
    automation_cost: float = _f(1.71174, -10, 10, "Median firm's log cost of integrating a robot into a routine manual "
                                "task, against the robot's task cost: a robot user automates half of what it can "
                                "where the low-skill wage is e^automation_cost times that cost.")
    automation_cost_dispersion: float = _f(0.5, 0, 5, "Spread (standard deviation) of firms' log integration cost.")
    ai_capability: float = _f(0.3, 0, 1, "AI capability at the start (0..1).")
    ai_capability_growth: float = _f(0.25, 0, 5, "Yearly logistic growth rate of AI capability.")
    # below 1: AI's tasks are their own argument of the task CES (production.py), beside people's routine cognitive
    # tasks, which keep the rest of the group's weight
    max_ai_share: float = _f(0.270798, 0, desc="Most of routine cognitive tasks AI can take at full capability "
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
    bass_q: float = _f(1.65323, 0, 5, "Peer effect: awareness from adopting peers in sector and region (Bass q).")
    belief_learning: float = _f(0.3, 0, 1, "How fast beliefs move toward gains peers realised.")
    belief_noise: float = _f(0.4, 0, 3, "Spread of firms' initial beliefs about a technology's gain.")
    hazard: float = _f(0.044158, 0, 1, "Quarterly chance that a firm passing every barrier adopts.")
    horizon_quarters: float = _f(16.0, 1, 200, "Payback horizon firms weigh gains over.")
    infrastructure_discount: float = _f(0.3, 0, 1, "Cost discount at full regional infrastructure.")
    capability_speed: float = _f(0.1, 0, 1, "Quarterly speed at which capability moves to its target.")


class Production(Section):
    capital_elasticity: float = _f(0.4, 0.01, 0.9, "Output elasticity of capital (beta).")
    capital_output: float = _f(10.0, 0.1, 100, "Capital per unit of quarterly output that firms target.")
    capital_depreciation: float = _f(0.02, 0, 0.5, "Quarterly depreciation of the capital stock.")
    hurdle_rate: float = _f(0.12, 0, 2, "Yearly return firms require on robots (the interest part of their user "
                            "cost; never below the lending rate).")
    capital_adjustment: float = _f(0.1, 0, 1, "Share of the gap to the target capital stock a firm closes per quarter "
                                   "on average (in the quarters it invests, this over production.investment_frequency).")
    investment_frequency: float = _f(1.0, 0.01, 1, "Chance that an investment project of a firm has an "
                                     "opportunity in a quarter (Kiyotaki and Moore 2019); it then orders the "
                                     "replacement and gap-closing investment of 1 / this many quarters, so orders "
                                     "are lumpy, their mean unchanged before the financing cap. 1: every firm "
                                     "invests every quarter.")
    project_staff: int = Field(0, ge=0, le=1_000_000, description="Staff per independent investment project: a "
                               "firm has 1 + staff // this many projects, each with its own opportunities (0: one "
                               "project per firm). Large firms, with many projects, invest smoothly.")

    @model_validator(mode="after")
    def _no_overshoot(self):
        if self.capital_adjustment > self.investment_frequency:
            raise ValueError(f"capital_adjustment: {self.capital_adjustment} is above investment_frequency "
                             f"{self.investment_frequency}; a project with an opportunity closes capital_adjustment / "
                             "investment_frequency of its gap to the target and would overshoot it (valid: "
                             "capital_adjustment at most investment_frequency)")
        return self
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
    hours_min: float = _f(0.9, 0.01, 1, "Fewest hours a firm's staff work in a quarter, relative to normal hours "
                          "(short time when orders fall short of what the staff make in normal hours).")
    hours_max: float = _f(1.1, 1, 3, "Most hours, relative to normal hours (overtime when orders exceed it).")
    overtime_premium: float = _f(0.5, 0, 5, "Extra pay per overtime hour, over the normal hourly wage (China's "
                                 "Labour Law, article 44: at least 150% of the wage).")


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


class Green(Section):
    compute_per_ai_firm: float = _f(1.0, 0, 1e6, "Compute energy (GWh-equivalent per quarter) per unit of AI-using output.")
    compute_per_data: float = _f(0.1, 0, 1e6, "Energy per unit of stored data.")
    energy_efficiency_gain: float = _f(0.1, 0, 0.9, "Yearly fall in energy per unit of compute.")
    carbon_intensity: float = _f(0.6, 0, 10, "Emissions per unit of non-green energy.")
