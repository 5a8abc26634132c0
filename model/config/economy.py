"""The macro economy: demand, households, government, trade, banks, the start and firm turnover."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from model.config.base import Section, _f


class Demand(Section):
    dividend_payout: float = _f(0.5, 0, 1, "Share of after-tax profit firms pay to their owners (households).")
    inflation_target: float = _f(0.02, -0.1, 0.5, "Yearly inflation wage setters expect (the nominal anchor).")
    price_pressure: float = _f(0.3, 0, 5, "Markup response to demand above (or below) a firm's capacity.")
    share_rule: Literal["replicator", "ces"] = Field(
        "replicator", description="How buyers divide a sector's spending among its firms: 'replicator' (shares grow "
        "with price competitiveness, without end) or 'ces' (CES buyers with appeal set at the start; bounded gains); "
        "model/market_shares.py.")
    share_adjustment: float = _f(0.1, 0, 5, "Replicator: speed at which shares follow quality-adjusted price "
                                 "competitiveness; ces: share of a sector's buyers who choose again each "
                                 "quarter (at most 1).")
    variety_elasticity: float = _f(7.67, 1.01, 50, "ces only: elasticity of substitution sigma between the firms' "
                                   "varieties within a sector (spending shares go with (p/q)^(1 - sigma)); 7.67 is "
                                   "the Dixit-Stiglitz sigma whose markup sigma / (sigma - 1) - 1 is "
                                   "production.markup's 0.15 (a consistency choice, not an estimate).")
    search_rounds: int = Field(2, ge=0, le=20, description="Times a buyer a firm turned away (it had sold out) tries "
                               "the firms of the same sector that still have goods, in proportion to their market "
                               "shares (model/goods_market.py); 0: a turned-away buyer keeps its money.")
    inventory_adjustment: float = _f(0.5, 0, 1, "Share of the gap between a firm's stock and its target stock "
                                     "(sectors[].inventory_quarters x expected demand) its production closes each "
                                     "quarter (model/inventories.py; a hand choice, docs/calibration.md).")
    income_tax: float = _f(0.2, 0, 0.9, "Tax and social contributions on wages and gig earnings.")
    quality_data: float = _f(0.05, 0, 2, "Quality gain of a firm's products once data is integrated (buyers "
                             "compare price over quality; model/quality.py).")
    quality_ai: float = _f(0.05, 0, 2, "Quality gain once AI is integrated (customisation; model/quality.py).")

    @model_validator(mode="after")
    def _buyers_who_choose_again(self):
        if self.share_rule == "ces" and self.share_adjustment > 1:
            raise ValueError(f"share_adjustment: {self.share_adjustment} is above 1; under share_rule 'ces' it is "
                             "the share of buyers who choose again each quarter (valid: 0 to 1)")
        return self


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
    cash_buffer: float = _f(0.1, 0, 20, "Quarters of sales firms start with in deposits; the quarters of costs "
                            "a firm keeps in deposits before it repays its overdraft or pays dividends.")
    loan_maturity: int = Field(20, ge=0, le=400, description="Mean life of a term loan in quarters: from the "
                               "quarter after it is drawn, 1/maturity of a firm's outstanding term loans falls due "
                               "each quarter (declining-balance amortisation), paid from deposits, the rest rolled "
                               "over. The start's drawn lines are term loans. 0: every loan is an overdraft, "
                               "repaid whenever deposits exceed the cash buffer.")
    investment_loan_share: float = _f(0.15, 0, 1, "Share of what a firm pays for investment goods that it borrows "
                                      "as a term loan, within the unused part of its credit line (with "
                                      "loan_maturity 0 the loan is an overdraft).")
    inventory_advance: float = _f(0.5, 0, 1, "Share of the book value of a firm's finished-goods stock banks add "
                                  "to its credit line (lending against stock, model/inventories.py; a hand "
                                  "choice).")


class Initial(Section):
    burn_in: int = Field(32, ge=0, le=200, description="Quarters the economy runs before step 0 without "
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
