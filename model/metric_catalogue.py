"""The metric catalogue: every column of ``timeseries.csv`` with its definition and unit.

Names with ``<sector>``, ``<size>``, ``<region>``, ``<tech>`` or ``<lever>`` expand to one column per group in
the scenario. ``python run.py list`` and ``docs/metrics.md`` print them; :mod:`model.metrics` computes them.
"""

from __future__ import annotations

#: name -> (definition, unit)
METRICS: dict[str, tuple[str, str]] = {
    "step": ("Quarter number; 0 is the initial state.", "step"),
    "period": ("Calendar quarter of the step.", "YYYYQn"),
    "gdp": ("Real GDP: what firms sold and added to their stock, at base-year sector prices, less the digital "
            "services they bought (an intermediate input), plus gig services.", "output units / quarter"),
    "gdp_growth": ("Quarter-on-quarter growth of gdp.", "share"),
    "gdp_growth_yoy": ("Growth of gdp over the same quarter a year earlier (0 in the first year).", "share"),
    "tfp_index": ("Aggregate TFP as a Solow residual gdp / (K^beta L^(1-beta)), index = 1 at step 0; "
                  "K includes robots at base price, L is employed plus gig workers (heads, not hours, as in the "
                  "Penn World Table: overtime and short time show in it).", "index"),
    "tfp_growth": ("Quarter-on-quarter growth of tfp_index.", "share"),
    "tfp_growth_yoy": ("Growth of tfp_index over four quarters (0 in the first year).", "share"),
    "labor_productivity": ("gdp per working person (employed or gig), in worker agents.", "output units / worker"),
    "digital_contribution": ("Potential output with digital technology over potential output of the same inputs "
                             "with it switched off (no data multiplier, no AI, lowest elasticity, no adjustment "
                             "cost).", "ratio"),
    "potential_output_digital_ratio": ("An accounting ratio, not the digital share of TFP growth: log change of "
                                       "digital_contribution (potential output with digital technology over the "
                                       "same inputs without it) over log change of tfp_index since step 0 "
                                       "(clipped to [-2, 2]; 0 while TFP has not moved). It credits reallocation "
                                       "and selection to digital technology; the counterfactual share is "
                                       "`python run.py decompose`.", "ratio"),
    "potential_output_digital_ratio_yoy": ("The same ratio over the last four quarters.", "ratio"),
    "op_aggregate": ("Olley-Pakes aggregate productivity: output-share-weighted mean of firm log TFP.", "log points"),
    "op_mean": ("Olley-Pakes unweighted mean of firm log TFP.", "log points"),
    "op_covariance": ("Olley-Pakes reallocation term: op_aggregate - op_mean (covariance of share and "
                      "productivity).", "log points"),
    "productivity_dispersion": ("p90/p10 ratio of firm TFP.", "ratio"),
    "adoption_data": ("Share of firms that adopted data (adjusting or integrated).", "share"),
    "adoption_robots": ("Share of firms that adopted robots.", "share"),
    "adoption_ai": ("Share of firms that adopted AI.", "share"),
    "integrated_<tech>": ("Share of firms past the adjustment period for the technology.", "share"),
    "adoption_index": ("Mean of the three adoption shares.", "share"),
    "adoption_<tech>_<sector>": ("Adoption share of the technology in a sector.", "share"),
    "adoption_<tech>_<size>": ("Adoption share of the technology in a size class.", "share"),
    "adoption_<tech>_<region>": ("Adoption share of the technology in a region.", "share"),
    "digital_penetration_<sector>": ("Output-weighted share of the sector's tasks done with digital technology "
                                     "(data systems, robots, AI).", "share"),
    "digital_capacity_share_<sector>": ("Share of the sector's capacity (output at normal hours) that its firms' "
                                        "data systems, AI and digital capability provide at their own staff, "
                                        "robots and capital: 1 - capacity without them / capacity (production.py, "
                                        "output_nodigital), summed over the firms that produced this quarter. New "
                                        "adopters' adjustment penalties, robots' included, count against it (it is "
                                        "negative where they outweigh what the technology adds). A "
                                        "partial-equilibrium attribution, like CAICT's growth accounting; the twin "
                                        "of `decompose` gives the general-equilibrium one.", "ratio"),
    "digital_economy_share": ("Digital share of gdp: firms' real value added times the share of their tasks done "
                              "digitally, plus platform services. Outside 0..1 only if some firms' value added is "
                              "negative (digital running services above their sales, in extreme settings).",
                              "ratio"),
    "industry_design_tools_rate": ("Output-weighted share of industrial firms with data systems integrated "
                                   "(digital design and R&D tools run on them): proxy for the digital-design-tool "
                                   "rate (seed 004).", "share"),
    "real_output_<sector>": ("What the sector's firms sold this quarter at base-year sector prices: gross "
                             "output (services' includes the digital services sold to other firms).",
                             "output units / quarter"),
    "real_value_added_<sector>": ("Real output (sales and the change in stock) less the digital services the "
                                  "sector's firms bought, at the "
                                  "services sector's base-year price (its part of gdp; with platform_services_real "
                                  "they sum to gdp).", "output units / quarter"),
    "digital_inputs_<sector>": ("Digital services (running services of data, robots and AI: licences, cloud, "
                                "compute; model/digital_services.py) the sector's firms bought, over their sales "
                                "(nominal): digital penetration measured from what firms buy (above 1 only if running costs exceed "
                                "sales).", "ratio"),
    "employees_<sector>": ("Employees of the sector's firms (services' include the digital producers, who make "
                           "the digital services other firms buy).", "workers"),
    "base_price_<sector>": ("The sector's base-year price, the one its real_output, real_value_added (and for "
                            "services platform_services_real and the digital services bought) are valued at: its "
                            "unit value at step 0. Constant within a run; differs between a scenario and its twins "
                            "(model/calibration/targets.py values a twin at the scenario's).", "money / output unit"),
    "platform_services_real": ("Services delivered through gig platforms at base-year prices (their part of gdp).",
                               "output units / quarter"),
    "value_added_per_worker_<sector>": ("Value added per employee of the sector's firms (revenue less the digital "
                                        "services, platform and AI-service fees they buy, net of compute vouchers "
                                        "and carbon charges), deflated by the consumer price level.",
                                        "output units / worker / quarter"),
    "industry_value_added_share": ("Industry's share of firms' value added (nominal): the smile-to-silent curve "
                                   "(seed 004). Outside 0..1 only if a sector's value added is negative (digital "
                                   "running costs above revenue, in extreme settings).", "ratio"),
    "quality_mean": ("Sales-weighted product quality index (1 = no integrated data or AI; model/quality.py).",
                     "index"),
    "industry_cnc_rate": ("Output-weighted share of industrial firms whose key processes run under digital "
                          "control: data systems integrated, and production equipment either automated (robots "
                          "or AI integrated) or connected to an industrial internet platform (a member); proxy "
                          "for the key-process CNC rate (seed 004).", "share"),
    "robot_density": ("Robots per 10,000 workers in industry sectors.", "robots / 10,000 workers"),
    "robot_stock": ("Robots installed, in the scale of worker agents.", "robots"),
    "automated_share": ("Share of robot users' routine manual task units done by robots: robots x "
                        "robot_productivity over that plus their staff's routine manual time (the automated task "
                        "types are chosen by cost below the technical ceiling, model/automation.py; robots do more "
                        "units of each than people of a manual one when they are cheaper).", "share"),
    "robot_worker_equivalents": ("Routine manual work robots do, in low-skill workers' time (robots x "
                                 "robot_productivity / the 0.85 of a low-skill worker's time on those tasks): the "
                                 "jobs robots displace at today's output (the displacement effect; output is "
                                 "real_output_<sector>).", "workers"),
    "automation_ceiling": ("Share of routine manual tasks robots can technically do (frontier, before each "
                           "sector's applicability).", "share"),
    "low_skill_employment_<sector>": ("Low-skill employees of the sector's firms (the routine manual workers robots "
                                      "displace).", "workers"),
    "wage_low_<sector>": ("Mean wage of the sector's low-skill employees.", "output units / quarter"),
    "robot_sales": ("Robots bought this quarter.", "robots / quarter"),
    "data_stock": ("Data held by firms.", "output units"),
    "employment_rate": ("Share of workers employed by a firm or working through a gig platform.", "share"),
    "unemployment_rate": ("Share of workers unemployed.", "share"),
    "flexible_employment_share": ("Gig workers over all working people (employed + gig).", "share"),
    "flexible_workers_millions": ("Gig workers scaled to people (population.people_per_worker).", "million people"),
    "employees": ("Workers employed by firms.", "workers"),
    "gig_workers": ("Workers working through gig platforms.", "workers"),
    "unemployed": ("Workers unemployed.", "workers"),
    "mean_wage": ("Mean quarterly wage of employees.", "output units / quarter"),
    "wage_<skill>": ("Mean wage of employees of a skill level.", "output units / quarter"),
    "wage_ratio_high_mid": ("Mean high-skill wage over mean mid-skill wage.", "ratio"),
    "wage_ratio_high_low": ("Mean pay of high-skill employees over mean pay of low-skill employees: the skill "
                            "premium in what they earn (the region-and-skill wage index, the firm's pay premium "
                            "and hours together). Cheaper robots widen it mostly through where low-skill workers "
                            "work (lower-premium firms, shorter hours), not through their wage index "
                            "(docs/calibration.md, 'Robots and wages').", "ratio"),
    "real_wage_low": ("Mean pay of low-skill employees over the consumer price level relative to step 0 (the price "
                      "index set at the quarter's end for the next quarter's sales, as in real_wage_index): what "
                      "the low-skill wage buys, at step-0 prices.", "output units at step-0 prices / quarter"),
    "real_wage_index": ("Mean wage deflated by the consumer price level, index = 1 at step 0.", "index"),
    "gig_earnings": ("Mean net quarterly earnings of gig workers.", "output units / quarter"),
    "gig_earnings_ratio": ("gig_earnings over mean_wage.", "ratio"),
    "labour_share": ("Wages and gig earnings over nominal GDP (all of it is value added at home: imports are "
                     "netted out). Above 1 in a slump quarter when firms pay staff out of deposits and credit; a "
                     "run stops after four such quarters in a row (model/guards.py).", "ratio"),
    "displacements": ("Workers who lost their job this quarter (layoffs and firm exits).", "workers / quarter"),
    "reemployed": ("Previously displaced workers hired this quarter.", "workers / quarter"),
    "hires": ("Hires this quarter.", "workers / quarter"),
    "vacancies": ("Vacancies posted this quarter.", "jobs"),
    "digital_talent_gap": ("Vacancies requiring digital skill left unfilled, over employment plus those vacancies.",
                           "share"),
    "mean_unemployment_spell": ("Mean quarters unemployed of the unemployed.", "quarters"),
    "skill_share_<skill>": ("Share of workers at a skill level (levels change with experience and long "
                            "unemployment: careers).", "share"),
    "promotions": ("Workers who moved up a skill level this quarter.", "workers / quarter"),
    "demotions": ("Workers who moved down a skill level this quarter (long unemployment).", "workers / quarter"),
    "gini_income": ("Gini coefficient of all households' disposable income: each worker's (earnings + transfers - "
                    "tax) and each firm's owner household's (owners' income split by the dividends of its firm; "
                    "see owner_incomes).", "0..1"),
    "gini_income_workers": ("Gini coefficient of workers' disposable income only (earnings + transfers - tax).",
                            "0..1"),
    "adoption_gap_size": ("Adoption index of large firms minus that of SMEs.", "share points"),
    "adoption_gap_region": ("Highest minus lowest regional adoption index.", "share points"),
    "adoption_gap_sector": ("Highest minus lowest sector adoption index.", "share points"),
    "adoption_index_<size>": ("Adoption index (mean over technologies) of a size class.", "share"),
    "adoption_index_<region>": ("Adoption index of a region.", "share"),
    "adoption_index_<sector>": ("Adoption index of a sector.", "share"),
    "digital_skill_mean": ("Mean digital skill of workers.", "0..1"),
    "digital_skill_<skill>": ("Mean digital skill of a skill level.", "0..1"),
    "digital_skill_gap_skill": ("Mean digital skill of high- minus low-skill workers.", "share points"),
    "digital_skill_gap_age": ("Mean digital skill of young minus older workers.", "share points"),
    "digital_divide_index": ("Composite digital divide: mean of adoption_gap_size, adoption_gap_region, "
                             "adoption_gap_sector, digital_skill_gap_skill, digital_skill_gap_age and "
                             "gini_income (each in 0..1; clipped at 0).", "0..1"),
    "barrier_unwilling": ("Share of non-adopting firms held back by the 'unwilling' barrier (mean over "
                          "technologies).", "share"),
    "barrier_afraid": ("Share held back by the 'afraid' barrier (risk or finance).", "share"),
    "barrier_unable": ("Share held back by the 'unable' barrier (digital skills).", "share"),
    "barrier_<barrier>_small": ("The same among SMEs and micro firms.", "share"),
    "platform_hhi": ("Herfindahl index of gig platforms' worker shares (1: one platform).", "0..1"),
    "platform_commission": ("Worker-weighted mean gig commission.", "share"),
    "platform_matching_gain": ("Services gig platforms delivered over what the same workers would deliver to "
                               "the same demand at street-hail utilisation (gig.street_utilisation), minus one: "
                               "the algorithm's matching gain (negative if the algorithm utilises workers less "
                               "than the street).", "ratio"),
    "gig_utilisation": ("Share of gig workers' capacity that is used.", "share"),
    "platform_members_share": ("Share of firms that are members of an industrial platform.", "share"),
    "ai_service_share": ("Share of firms whose output this quarter AI rented from their industrial platform "
                         "helped produce (platform x application; model/ai_service.py).", "share"),
    "ai_service_fees": ("What renters paid their platforms for AI as a service this quarter (a share of the "
                        "output it produced for them).", "output units / quarter"),
    "rd_to_gdp": ("R&D services firms bought this quarter over nominal gdp (model/innovation.py).", "share"),
    "digital_services_to_gdp": ("Running services of data, robots and AI firms bought this quarter (from services "
                                "firms or imported; an intermediate input, model/digital_services.py) over nominal "
                                "gdp.", "ratio"),
    "innovating_share": ("Share of firms whose R&D found a better technique this quarter.", "share"),
    "imitating_share": ("Share of firms that copied part of a better firm's technique this quarter.", "share"),
    "innovation_gain": ("Mean log-TFP gain per firm this quarter from innovation and imitation.", "log points"),
    "industrial_platform_hhi": ("Herfindahl index of industrial platforms' members.", "0..1"),
    "pooled_data": ("Data pooled on industrial platforms.", "output units"),
    "compute_energy": ("Energy used by compute for AI and data.", "energy units / quarter"),
    "emissions": ("Emissions of compute energy not from green power.", "emission units / quarter"),
    "green_power_share": ("Energy-weighted share of green power in compute.", "share"),
    "ai_capability": ("Frontier AI capability.", "0..1"),
    "frontier_pace": ("Pace of the technology frontier this quarter against the scenario's trends: (1 - h) + h x "
                      "the digital producers' (services firms') mean chance to innovate over its value at step 0, "
                      "h = frontier.home_innovation_share (frontier.py; 1 in the first quarter).", "ratio"),
    "robot_price": ("Price of a robot relative to its start.", "index"),
    "firms_entered": ("Firms that entered this quarter.", "firms / quarter"),
    "firms_exited": ("Firms that exited this quarter.", "firms / quarter"),
    "firms_without_staff": ("Share of firms with no employees at the quarter's end (this quarter's entrants, "
                            "who hire next quarter, included). Such a firm produces nothing the next quarter and "
                            "loses buyers; it exits only by insolvency or the background hazard "
                            "(docs/calibration.md, 'Firms without staff').", "share"),
    "trainees": ("Workers starting a course this quarter.", "workers / quarter"),
    "policy_spending": ("Net spending of all levers this quarter (taxes raised by levers count negative).",
                        "output units / quarter"),
    "policy_spending_cumulative": ("policy_spending summed from step 1.", "output units"),
    "spending_<lever>": ("Net spending of one lever instance this quarter (0 outside its window).",
                         "output units / quarter"),
    "benefits_paid": ("Unemployment benefits paid this quarter (not a lever).", "output units / quarter"),
    "pensions_paid": ("Pensions the government paid this quarter (government.pensions_share of the start's GDP, "
                      "growing with government consumption's trend and prices; not a lever).",
                      "output units / quarter"),
    "tax_revenue": ("Government revenue this quarter: income and profit taxes and lever charges.", "output units / quarter"),
    "price_level": ("Consumer price level, index = 1 at step 0.", "index"),
    "nominal_gdp": ("Nominal GDP by expenditure: consumption (with gig services and imports) + investment + "
                    "government consumption + exports - imports (step 0: firms' sales plus gig services).",
                    "output units / quarter"),
    "inflation": ("Consumer price inflation over the quarter, annualised: (P_t / P_t-1)^4 - 1.", "share / year"),
    "consumption_real": ("Household spending (goods, gig services, imports) at step-0 consumer prices.",
                         "output units / quarter"),
    "investment_real": ("Investment (machines, robots, AI and data systems) at step-0 consumer prices.",
                        "output units / quarter"),
    "government_consumption": ("Government purchases this quarter: its consumption path plus lever programmes.",
                               "output units / quarter"),
    "exports": ("What the rest of the world bought from firms this quarter.", "output units / quarter"),
    "imports": ("Household and investment spending on foreign goods this quarter.", "output units / quarter"),
    "investment_to_gdp": ("Investment over nominal GDP.", "ratio"),
    "consumption_to_gdp": ("Household consumption over nominal GDP.", "ratio"),
    "inventory_investment_to_gdp": ("The change in firms' finished-goods stock, at average production cost, over "
                                    "nominal GDP (model/inventories.py; negative when stock is drawn down).", "ratio"),
    "capital_formation_to_gdp": ("Gross capital formation over nominal GDP: investment (machines, robots, AI and "
                                 "data systems, R&D) and the change in inventories, as the national accounts "
                                 "count it.", "ratio"),
    "inventory_to_sales": ("Firms' finished-goods stock over this quarter's sales, both at base-year sector prices "
                           "(quarters of sales).", "quarters"),
    "saving_rate": ("Household saving (disposable income less consumption) over disposable income, workers and "
                    "owners together.", "ratio"),
    "deposits": ("Bank deposits of households and firms.", "output units"),
    "loans": ("Bank loans to firms outstanding.", "output units"),
    "credit_to_gdp": ("Loans over a year's nominal GDP (four times the quarter's).", "ratio"),
    "bank_equity": ("Banks' equity: loans + bonds - deposits.", "output units"),
    "bank_capital_ratio": ("Bank equity per unit of loans (the capital requirement applies to it).", "ratio"),
    "lending_factor": ("Mean share of their credit lines banks honour (below 1 when short of capital).", "share"),
    "government_balance_to_gdp": ("Government revenue less spending (interest included) over nominal GDP; "
                                  "negative is a deficit.", "ratio"),
    "government_debt_to_gdp": ("Government bonds over a year's nominal GDP.", "ratio"),
    "bail_outs": ("Capital the government put into banks this quarter.", "output units / quarter"),
    "profit_share": ("Firms' profits (after interest and depreciation, before tax) over nominal GDP.", "ratio"),
    "unmet_demand_share": ("Share of this quarter's orders for firms' goods (households', the government's, "
                           "foreign buyers', investing firms') that firms could not deliver; the buyers keep the "
                           "money.", "share"),
    "hours_per_employee": ("Hours the staff who produced worked this quarter, relative to normal hours (mean "
                           "over them; production.hours_min to production.hours_max).", "ratio"),
    "vacancy_rate": ("Vacancies posted this quarter over staff plus those vacancies.", "share"),
    "net_lending_households": ("Net lending of households this quarter (its column of the transactions-flow "
                         "matrix) over nominal GDP; the six sectors' net lending sums to zero.", "ratio"),
    "net_lending_firms": ("Net lending of firms this quarter (its column of the transactions-flow "
                         "matrix) over nominal GDP; the six sectors' net lending sums to zero.", "ratio"),
    "net_lending_banks": ("Net lending of banks this quarter (its column of the transactions-flow "
                         "matrix) over nominal GDP; the six sectors' net lending sums to zero.", "ratio"),
    "net_lending_government": ("Net lending of government this quarter (its column of the transactions-flow "
                         "matrix) over nominal GDP; the six sectors' net lending sums to zero.", "ratio"),
    "net_lending_platforms": ("Net lending of platforms this quarter (its column of the transactions-flow "
                         "matrix) over nominal GDP; the six sectors' net lending sums to zero.", "ratio"),
    "net_lending_rest_of_world": ("Net lending of rest of world this quarter (its column of the transactions-flow "
                         "matrix) over nominal GDP; the six sectors' net lending sums to zero.", "ratio"),
    "books_gap": ("Largest gap this quarter between a sector's net lending and the change in its net financial "
                  "assets (or between bank equity and loans + bonds - deposits), over nominal GDP.", "ratio"),
}
