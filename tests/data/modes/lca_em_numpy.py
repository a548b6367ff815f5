# lca_em_numpy.py -- an independent EM for the 2-class latent class model of
# the Stouffer-Toby data (tests/data/modes/stouffer_toby.csv), written with
# numpy for tests/lua/test_lca.lua (not a port of stdlib/lca.lua: it works on
# the 16 response patterns with frequency weights, in probability space, from
# fixed starts, to a tight tolerance). Run: /usr/bin/python3 lca_em_numpy.py
import csv, os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(here, "stouffer_toby.csv"))))
X = np.array([[int(r[c]) for c in "ABCD"] for r in rows], dtype=float)
w = np.array([int(r["count"]) for r in rows], dtype=float)
n = w.sum()

def em(prior, p, iters=100000):
    ll_old = -np.inf
    for _ in range(iters):
        lik = np.prod(p[None, :, :] ** X[:, None, :] * (1 - p[None, :, :]) ** (1 - X[:, None, :]), axis=2)
        joint = lik * prior[None, :]
        marg = joint.sum(axis=1)
        ll = float(np.sum(w * np.log(marg)))
        post = joint / marg[:, None]
        wp = post * w[:, None]
        prior = wp.sum(axis=0) / n
        p = (wp.T @ X) / wp.sum(axis=0)[:, None]
        if ll - ll_old < 1e-14:
            break
        ll_old = ll
    return ll, prior, p

best = None
for start in ([0.3, 0.7], [0.5, 0.5], [0.8, 0.2]):
    rng = np.random.default_rng(len(start) + int(10 * start[0]))
    ll, prior, p = em(np.array(start), rng.uniform(0.1, 0.9, size=(2, 4)))
    if best is None or ll > best[0]:
        best = (ll, prior, p)
ll, prior, p = best
o = np.argsort(-prior)
print("n", int(n))
print("loglik_k1 %.10f" % float(np.sum(w[:, None] * (X * np.log(X.T @ w / n) + (1 - X) * np.log(1 - X.T @ w / n)))))
print("loglik_k2 %.10f" % ll)
print("prior", " ".join("%.10f" % v for v in prior[o]))
for c in o:
    print("prob", " ".join("%.10f" % v for v in p[c]))
