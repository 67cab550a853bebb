"""One measured figure and how it is printed."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    floor: float
    unit: str = "ms"
    #: The ratio the issue asks for at most (None: reported only).
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")

    def line(self) -> str:
        verdict = ""
        if self.target is not None:
            verdict = " ok" if self.ratio <= self.target else f" MISSED(target<={self.target})"
        note = f"  # {self.note}" if self.note else ""
        return (
            f"{self.name}\tvalue={self.value:.3f}{self.unit}\tfloor={self.floor:.3f}{self.unit}"
            f"\tratio={self.ratio:.2f}{verdict}{note}"
        )


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_ms(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)
