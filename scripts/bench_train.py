#!/usr/bin/env python3
"""Training speed, side by side: scikit-learn against `leadscreen train --matrix`.

Makes ROWS x 20 synthetic rows (mixed scales, correlated columns, ~5% positives),
writes them as CSV, then in one run times
  - scikit-learn LogisticRegression(C=1) fits (newton-cholesky and lbfgs), and
  - the release binary's fit (`leadscreen train --matrix FILE`, which prints the
    time of the fit itself, after parsing),
and checks that the coefficients agree.

Run: swift build -c release
     /tmp/venv-sk/bin/python scripts/bench_train.py [ROWS]
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
COLS = 20
BINARY = os.path.join(os.path.dirname(__file__), "..", ".build", "release", "leadscreen")
CSV = f"/tmp/leadscreen-bench-{ROWS}.csv"


def make():
    rng = np.random.default_rng(42)
    z = rng.normal(size=(ROWS, COLS))
    x = z.copy()
    x[:, 1] = 0.7 * z[:, 0] + 0.3 * z[:, 1]
    x[:, 2] = 30 * z[:, 2] + 50
    x[:, 3] = (z[:, 3] > 1.5).astype(float)
    x[:, 4] = np.round(2 * z[:, 4])
    beta = rng.normal(scale=0.5, size=COLS)
    beta[2] /= 30
    logit = -3.5 + (x - x.mean(axis=0)) @ beta
    y = (rng.random(ROWS) < 1 / (1 + np.exp(-logit))).astype(float)
    return x, y


def main():
    x, y = make()
    if not os.path.exists(CSV):
        data = np.column_stack([x, y])
        header = ",".join([f"x{i}" for i in range(COLS)] + ["label"])
        np.savetxt(CSV, data, delimiter=",", header=header, comments="", fmt="%.17g")
    # Fit exactly the numbers in the CSV.
    rows = []
    results = {"rows": ROWS, "columns": COLS, "sklearn": sklearn.__version__,
               "cores": os.cpu_count()}
    # BLAS threads: the library default (all cores) and 1 (less contention on a
    # busy machine); the faster one is scikit-learn's time.
    for blas in (None, 1):
        for solver, tol in (("newton-cholesky", 1e-10), ("lbfgs", 1e-4), ("lbfgs", 1e-10)):
            model = LogisticRegression(C=1.0, solver=solver, tol=tol, max_iter=100000)
            with threadpool_limits(limits=blas):
                start = time.perf_counter()
                model.fit(x, y)
                seconds = time.perf_counter() - start
            threads = "default" if blas is None else blas
            rows.append((f"sklearn {solver} tol={tol:g} blas={threads}", seconds,
                         int(model.n_iter_[0])))
            results[f"{solver}_{tol:g}"] = {"seconds": seconds, "coef": model.coef_[0].tolist(),
                                            "intercept": float(model.intercept_[0])}
    start = time.perf_counter()
    out = subprocess.run([BINARY, "train", "--matrix", CSV, "--c", "1"], check=True,
                         capture_output=True, text=True).stdout
    wall = time.perf_counter() - start
    ours = json.loads(out)
    rows.append(("leadscreen (fit only)", ours["seconds"], ours["iterations"]))
    rows.append(("leadscreen (process incl. CSV parse)", wall, ours["iterations"]))
    reference = np.array(results["newton-cholesky_1e-10"]["coef"])
    diff = float(np.max(np.abs(np.array(ours["coefficients"]) - reference) / np.abs(reference)))
    print(f"{ROWS} rows x {COLS} features, {int(y.sum())} positives, "
          f"scikit-learn {sklearn.__version__}, {os.cpu_count()} cores")
    for name, seconds, iterations in rows:
        print(f"  {name:48s} {seconds:8.3f} s  ({iterations} iterations)")
    print(f"  max relative coefficient difference vs newton-cholesky: {diff:.2e}")


if __name__ == "__main__":
    main()
