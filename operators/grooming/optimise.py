"""A small deterministic optimiser for the recogniser and the session aggregator."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]


def minimise(fun: Callable[[F64], tuple[float, F64]], x: F64, max_iter: int, m: int = 8) -> F64:
    """Minimise a smooth convex function: L-BFGS two-loop recursion, Armijo backtracking.

    Deterministic (no randomness, fixed order). Returns the last accepted point.
    """
    f, g = fun(x)
    s_hist: list[F64] = []
    y_hist: list[F64] = []
    for _ in range(max_iter):
        q = g.copy()
        alphas = []
        for s_k, y_k in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = float(s_k @ q) / float(y_k @ s_k)
            alphas.append(a)
            q -= a * y_k
        if y_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        else:
            q /= max(float(np.abs(g).max()), 1.0)
        for (s_k, y_k), a in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            b = float(y_k @ q) / float(y_k @ s_k)
            q += (a - b) * s_k
        direction = -q
        slope = float(g @ direction)
        if slope >= 0:
            direction, slope = -g, -float(g @ g)
        step = 1.0
        for _ls in range(20):
            x_new = x + step * direction
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            return x
        s_new, y_new = x_new - x, g_new - g
        if float(s_new @ y_new) > 1e-10:
            s_hist.append(s_new)
            y_hist.append(y_new)
            if len(s_hist) > m:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = abs(f - f_new) <= 1e-6 * max(abs(f), 1.0)
        x, f, g = x_new, f_new, g_new
        if converged:
            break
    return x
