"""The overview figure a planner can read at a glance."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PANELS = (
    ("Productivity", [("tfp_index", "TFP index"), ("digital_contribution", "digital contribution"),
                      ("labor_productivity_index", "labour productivity (index)")]),
    ("Adoption (share of firms)", [("adoption_data", "data"), ("adoption_robots", "robots"), ("adoption_ai", "AI")]),
    ("Employment (share)", [("unemployment_rate", "unemployment"), ("flexible_employment_share", "flexible (gig)"),
                            ("digital_talent_gap", "digital talent gap")]),
    ("Digital divide", [("digital_divide_index", "composite index"), ("adoption_gap_size", "large - SME gap"),
                        ("adoption_gap_region", "regional gap"), ("gini_income", "income Gini")]),
    ("Macro (inflation, unemployment, debt)", [("inflation", "inflation (annualised)"),
                                               ("unemployment_rate", "unemployment"),
                                               ("government_debt_to_gdp", "government debt / GDP")]),
    ("Demand and credit (shares of GDP)", [("consumption_to_gdp", "consumption"), ("investment_to_gdp", "investment"),
                                           ("credit_to_gdp", "credit / GDP"), ("saving_rate", "household saving rate")]),
)


def overview_figure(frame, scenario):
    """Six panels: productivity, adoption, employment, the digital divide, the macro economy, demand and credit."""
    frame = frame.copy()
    frame["labor_productivity_index"] = frame["labor_productivity"] / frame["labor_productivity"].iloc[0]
    fig, axes = plt.subplots(3, 2, figsize=(11, 10), sharex=True)
    x = frame["step"]
    for ax, (title, series) in zip(axes.ravel(), PANELS):
        for column, label in series:
            if column in frame:
                ax.plot(x, frame[column], label=label, lw=1.8)
        ax.set_title(title, fontsize=11)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="best")
    labels = frame["period"].tolist()
    ticks = list(range(0, len(labels), max(1, len(labels) // 6)))
    for ax in axes[-1]:
        ax.set_xticks([x.iloc[i] for i in ticks])
        ax.set_xticklabels([labels[i] for i in ticks], rotation=30, fontsize=8)
    fig.suptitle(f"{scenario.name}: {frame['period'].iloc[0]} to {frame['period'].iloc[-1]}", fontsize=13)
    fig.tight_layout()
    return fig
