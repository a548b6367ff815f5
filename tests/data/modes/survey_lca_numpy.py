"""Independent latent class EM (numpy) for the 9 STI/DUI indicators of the
generated surveys survey33.csv and survey300.csv: probabilities on the natural
scale (not logs), 200 random starts per k (numpy's default_rng(2013), item
probabilities uniform(0.1, 0.9), equal class shares), each run until the
log-likelihood rises by less than 1e-13 or 20000 iterations; prints the best
log-likelihood for k = 1, 2, 3. Used by tests/lua/test_modes_analysis.lua.
Run from the project root: python3 tests/data/modes/survey_lca_numpy.py"""
import csv
import numpy as np

IDS = ["DUI%d" % i for i in range(1, 8)] + ["STI1", "STI2"]


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([[float(r[i]) for i in IDS] for r in rows])


def em(X, k, rng, tol=1e-13, maxiter=20000):
    n, J = X.shape
    prior = np.full(k, 1.0 / k)
    p = rng.uniform(0.1, 0.9, size=(k, J))
    ll_old = -np.inf
    for _ in range(maxiter):
        # likelihood of each row under each class, on the natural scale
        lik = np.prod(np.where(X[:, None, :] == 1, p[None], 1 - p[None]), axis=2) * prior
        tot = lik.sum(axis=1)
        ll = np.log(tot).sum()
        post = lik / tot[:, None]
        prior = post.mean(axis=0)
        p = (post.T @ X) / post.sum(axis=0)[:, None]
        if ll - ll_old < tol:
            break
        ll_old = ll
    return ll


for name in ["survey33", "survey300"]:
    X = load("tests/data/modes/%s.csv" % name)
    rng = np.random.default_rng(2013)
    for k in (1, 2, 3):
        best = max(em(X, k, rng) for _ in range(200 if k > 1 else 1))
        print("%s loglik_k%d %.10f" % (name, k, best))
