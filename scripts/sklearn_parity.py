#!/usr/bin/env python3
"""Makes the scikit-learn parity fixture for the Swift logistic regression.

Writes Tests/LeadScreenTests/Fixtures/model-parity/data.csv (8 features, mixed
scales, some correlated, imbalanced labels, a sample weight per row) and
expected.json (scikit-learn's coefficients, intercept and ROC AUC, repr with 17
significant digits, plus the exact command). The Swift test needs no Python.

Run: python3 -m venv /tmp/venv-sk && /tmp/venv-sk/bin/pip install scikit-learn
     /tmp/venv-sk/bin/python scripts/sklearn_parity.py
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LeadScreenTests", "Fixtures",
                   "model-parity")
ROWS, SEED, C = 2000, 20261123, 0.5


def make_data():
    rng = np.random.default_rng(SEED)
    base = rng.normal(size=(ROWS, 8))
    x = np.empty_like(base)
    x[:, 0] = base[:, 0]                                  # unit scale
    x[:, 1] = 40.0 * base[:, 1] + 100.0                    # large scale, offset
    x[:, 2] = 0.05 * base[:, 2]                            # small scale
    x[:, 3] = 0.8 * base[:, 0] + 0.6 * base[:, 3]          # correlated with x0
    x[:, 4] = (base[:, 4] > 1.0).astype(float)             # rare binary flag
    x[:, 5] = np.log1p(np.exp(2.0 * base[:, 5]))           # skewed, positive
    x[:, 6] = np.round(3.0 * base[:, 6])                   # integer-valued, ties
    x[:, 7] = 5.0 * (0.5 * base[:, 1] + 0.5 * base[:, 7])  # correlated with x1
    logit = (-3.0 + 1.2 * x[:, 0] + 0.02 * (x[:, 1] - 100) + 8.0 * x[:, 2]
             - 0.7 * x[:, 3] + 1.5 * x[:, 4] + 0.4 * x[:, 5] + 0.1 * x[:, 6])
    y = (rng.random(ROWS) < 1 / (1 + np.exp(-logit))).astype(float)
    w = np.where(y == 1, 3.0, 1.0) * rng.uniform(0.5, 1.5, size=ROWS)
    return x, y, w


def main():
    x, y, w = make_data()
    os.makedirs(OUT, exist_ok=True)
    names = [f"x{i}" for i in range(8)]
    with open(os.path.join(OUT, "data.csv"), "w") as f:
        f.write(",".join(names + ["label", "weight"]) + "\n")
        for row, label, weight in zip(x, y, w):
            f.write(",".join(repr(float(v)) for v in row) + f",{int(label)},{float(weight)!r}\n")
    # Round-trip through the CSV text so both sides fit exactly the same numbers.
    data = np.loadtxt(os.path.join(OUT, "data.csv"), delimiter=",", skiprows=1)
    x, y, w = data[:, :8], data[:, 8], data[:, 9]
    fits = {}
    for solver in ("newton-cholesky", "lbfgs"):
        model = LogisticRegression(C=C, solver=solver, tol=1e-12, max_iter=100000)
        model.fit(x, y, sample_weight=w)
        fits[solver] = model
    model = fits["newton-cholesky"]
    other = fits["lbfgs"]
    spread = float(np.max(np.abs(model.coef_ - other.coef_) / np.abs(model.coef_)))
    auc = roc_auc_score(y, model.decision_function(x))
    expected = {
        "command": "/tmp/venv-sk/bin/python scripts/sklearn_parity.py",
        "estimator": f"LogisticRegression(C={C}, solver='newton-cholesky', tol=1e-12, "
                     "max_iter=100000).fit(X, y, sample_weight=w)",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python_version": sys.version.split()[0],
        "rows": ROWS,
        "positives": int(y.sum()),
        "C": C,
        "features": names,
        "coefficients": [float(repr_17(v)) for v in model.coef_[0]],
        "intercept": float(repr_17(model.intercept_[0])),
        "roc_auc": float(repr_17(auc)),
        "iterations": int(model.n_iter_[0]),
        "lbfgs_max_relative_difference": spread,
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")
    print(json.dumps(expected, indent=2))


def repr_17(v):
    return float(f"{float(v):.17g}")


if __name__ == "__main__":
    main()
