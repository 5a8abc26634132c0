"""The sizes each benchmark runs at: the full suite, and a tiny smoke version for CI."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Population:
    """A model population and run length.

    Attributes:
        firms: Firm agents.
        workers: Worker agents.
        steps: Quarters to run the model.
        boltzmann_steps: Steps Boltzmann is timed for (scaled per agent-step).
        label: Short name used in the tables.
    """

    firms: int
    workers: int
    steps: int = 40
    boltzmann_steps: int | None = None
    label: str = ""

    @property
    def agents(self) -> int:
        return self.firms + self.workers

    @property
    def name(self) -> str:
        return self.label or f"{self.agents:,} agents"


@dataclass(frozen=True)
class Plan:
    """Everything the suite measures.

    Attributes:
        compare: Populations timed against Boltzmann (item 1), with repeats for each.
        scaling: Populations for wall time and peak memory (item 2).
        sweep_runs: Runs in the throughput sweep (item 3); sweep_population their size;
            sweep_repeats rounds of 1 and 2 workers in alternation (medians reported).
        memory_runs: Run counts at which runner memory is read (item 4); memory_population their size.
    """

    compare: tuple[tuple[Population, int], ...]
    scaling: tuple[Population, ...]
    scaling_repeats: int = 3
    sweep_runs: int = 16
    sweep_population: Population = Population(2000, 20000, 40)
    sweep_workers: tuple[int, ...] = (1, 2)
    sweep_repeats: int = 5
    memory_runs: tuple[int, ...] = (100, 1000)
    memory_population: Population = Population(100, 1000, 8)
    modes: tuple[str, ...] = field(default=("views", "arrays"))
    scaling_modes: tuple[str, ...] = field(default=("views", "arrays"))


SMALL = Population(2_000, 20_000, 40, label="22k")
MEDIUM = Population(10_000, 100_000, 40, label="110k")
LARGE = Population(100_000, 1_000_000, 40, boltzmann_steps=2, label="1.1M")

FULL = Plan(compare=((SMALL, 5), (LARGE, 3)), scaling=(SMALL, MEDIUM, LARGE))

_TINY = Population(20, 200, 3, label="tiny")
SMOKE = Plan(compare=((_TINY, 1),), scaling=(_TINY, Population(40, 400, 3, label="tiny x2")), scaling_repeats=1,
             sweep_runs=2, sweep_population=_TINY, sweep_repeats=2, memory_runs=(2, 4), memory_population=_TINY,
             scaling_modes=("views",))
