"""peers.py -- the numpy / scipy / statsmodels / pandas side of `make bench`
(scripts/bench.lua): the workloads of work.lua on the same SIMULATED data
from the same formulas, timed around the work only. Prints "seconds checksum".
usage: python3 scripts/bench/peers.py WORKLOAD N [FILE]
"""
import os
import sys
import time

import numpy as np

workload, n = sys.argv[1], int(sys.argv[2])
extra = sys.argv[3] if len(sys.argv) > 3 else None


def u(i, j):
    return ((i * 7919 + j * 104729) % 100003) / 100003


def io_table(size):
    i = np.arange(1, size + 1).reshape(-1, 1)
    j = np.arange(1, size + 1).reshape(1, -1)
    Z = u(i, j)
    return Z, 2 * Z.sum(axis=0) + 1


def chain_table(size):
    i = np.arange(1, size + 1).reshape(-1, 1)
    j = np.arange(1, size + 1).reshape(1, -1)
    return np.where(i % 20 == j % 20, 50.0, 1.0) * u(i, j) ** 3


def noise(i):
    frac = lambda v: v - np.floor(v)
    return 2 * (frac(i * ((1 + np.sqrt(5)) / 2)) + frac(i * np.sqrt(2)) + frac(i * np.sqrt(3)) - 1.5)


def glm_data(rows):
    b = np.array([0.2, 0.5, -0.3, 0.4, -0.2, 0.1, 0.3, -0.4, 0.25, -0.15])
    i = np.arange(1, rows + 1).reshape(-1, 1)
    X = 2 * u(i, np.arange(1, 11).reshape(1, -1)) - 1
    X[:, 0] = 1.0
    eta = X @ b
    e = noise(np.arange(1, rows + 1))
    return (eta + e > 0).astype(float), X, eta + e


def observations(rows):  # frac(i^2 sqrt(p_j)) over the first ten primes
    i = np.arange(1, rows + 1, dtype=float).reshape(-1, 1)
    v = (i * i) * np.sqrt(np.array([2, 3, 5, 7, 11, 13, 17, 19, 23, 29.0]))
    return v - np.floor(v)


def varimax(x, eps=1e-5, maxit=1000):  # R's stats::varimax, normalize = TRUE
    sc = np.sqrt((x ** 2).sum(axis=1))
    x = x / sc[:, None]
    p, k = x.shape
    T, d = np.eye(k), 0.0
    for _ in range(maxit):
        z = x @ T
        B = x.T @ (z ** 3 - z * (z ** 2).sum(axis=0) / p)
        u_, s, vt = np.linalg.svd(B)
        T = u_ @ vt
        dpast, d = d, s.sum()
        if d < dpast * (1 + eps):
            break
    return (x @ T) * sc[:, None]


def factor(Z):  # FSR linkage matrix, PCA (Kaiser), varimax, as fsr + factor
    m = Z.shape[0]
    X = Z / Z.sum(axis=0)
    Y = Z / Z.sum(axis=1)[:, None]
    R = np.corrcoef(np.hstack([X, Y.T]), rowvar=False)
    xy = R[:m, m:]
    L = np.maximum(np.maximum(R[:m, :m], R[m:, m:]), np.maximum(xy, xy.T))
    np.fill_diagonal(L, 1.0)
    w, V = np.linalg.eigh(L)
    w, V = w[::-1], V[:, ::-1]
    k = int((w >= 1).sum())
    A = varimax(V[:, :k] * np.sqrt(w[:k]))
    return (A ** 2).sum()


def atlas(regions):  # atlas.run vectorised per area: FLQ, L, multipliers, Rasmussen, Hazari, classes
    Z, x = io_table(n)
    A = Z / x
    i = np.arange(1, n + 1).reshape(-1, 1)
    k = np.arange(1, regions + 1).reshape(1, -1)
    E = np.where((i + k) % 7 == 0, 0.0, np.floor(1000 * u(i, k + 20)) + 1)
    nat = 3 * E.sum(axis=1)
    total = 0.0
    for r in range(regions):
        reg = E[:, r]
        keep = reg > 0
        s = (reg / nat * (nat.sum() / reg.sum()))[keep]
        lam = np.log2(1 + reg.sum() / nat.sum()) ** 0.3
        Q = np.outer(s, 1 / s) * lam
        np.fill_diagonal(Q, s * lam)
        Ar = A[np.ix_(keep, keep)] * np.minimum(Q, 1)
        xr = x[keep] * reg[keep] / nat[keep]
        f = xr - Ar @ xr
        L = np.linalg.inv(np.eye(len(s)) - Ar)
        mult = L.sum(axis=0)
        m = len(s)
        back, fwd = mult * m / L.sum(), L.sum(axis=1) * m / L.sum()
        cv_back = L.std(axis=0, ddof=1) / L.mean(axis=0)
        cv_fwd = L.std(axis=1, ddof=1) / L.mean(axis=1)
        w = f / f.sum()
        hb, hf = L.T @ w, L @ w
        hb, hf = hb * m / hb.sum(), hf * m / hf.sum()
        classes = np.where((back > 1) & (fwd > 1), "key", np.where(back > 1, "backward",
                           np.where(fwd > 1, "forward", "weak")))
        total += mult.sum()
    return total


def run():
    if workload in ("inverse", "multipliers"):
        Z, x = io_table(n)
        t0 = time.perf_counter()
        A = Z / x
        if workload == "inverse":
            c = np.linalg.inv(np.eye(n) - A).sum()
        else:
            c = np.linalg.solve((np.eye(n) - A).T, np.ones(n)).sum()
        return time.perf_counter() - t0, c
    if workload == "factor":
        Z = chain_table(n)
        t0 = time.perf_counter()
        c = factor(Z)
        return time.perf_counter() - t0, c
    if workload in ("probit", "logit", "ols"):
        import statsmodels.api as sm
        y, X, ystar = glm_data(n)
        t0 = time.perf_counter()
        if workload == "ols":
            fit = sm.OLS(ystar, X).fit(cov_type="HC1")
        else:
            model = sm.Probit(y, X) if workload == "probit" else sm.Logit(y, X)
            fit = model.fit(method="newton", disp=0)
        fit.bse
        return time.perf_counter() - t0, fit.params.sum()
    if workload == "dist":
        from scipy.spatial.distance import pdist
        X = observations(n)
        t0 = time.perf_counter()
        d = pdist(X)
        return time.perf_counter() - t0, d[n - 2]
    if workload in ("average", "single"):
        from scipy.cluster.hierarchy import linkage
        from scipy.spatial.distance import pdist
        X = observations(n)
        t0 = time.perf_counter()
        Lk = linkage(pdist(X), method=workload)
        return time.perf_counter() - t0, Lk[:, 2].sum()
    if workload == "csv" and os.environ.get("BENCH_PEER") == "numpy":
        cols = len(open(extra).readline().split(","))
        t0 = time.perf_counter()
        a = np.loadtxt(extra, delimiter=",", skiprows=1, usecols=range(1, cols))
        return time.perf_counter() - t0, a.sum()
    if workload == "csv":
        import pandas as pd
        t0 = time.perf_counter()
        df = pd.read_csv(extra, index_col=0)
        return time.perf_counter() - t0, df.to_numpy().sum()
    if workload == "atlas":
        t0 = time.perf_counter()
        c = atlas(int(extra))
        return time.perf_counter() - t0, c
    raise SystemExit(f"peers.py: unknown workload {workload!r}")


seconds, checksum = run()
print(f"{seconds:.6f} {checksum:.10g}")
