# make_ref_vce.py -- reference standard errors of statsmodels for
# tests/lua/test_glm_vce.lua: probit and logit of case on age, parity,
# induced, spontaneous in R's infert data (../r_reference/infert.csv), with
# the observed information (OIM), the Huber-White sandwich with Stata's
# N/(N-1) and the cluster-robust sandwich over the 83 matched sets
# (stratum) with Stata's G/(G-1). Scores and Hessians are statsmodels'
# analytic ones (model.score_obs, model.hessian) at estimates converged by
# Newton's method to 1e-13; the sandwiches are formed here explicitly and
# checked against statsmodels' own cov_type="HC0" and "cluster".
# Run from tests/data:  /usr/bin/python3 statsmodels_reference/make_ref_vce.py
# (Debian 12 python3-statsmodels 0.13.5, numpy 1.24.2)
import csv
import numpy as np
import statsmodels.api as sm

rows = list(csv.DictReader(open("r_reference/infert.csv")))
names = ["(Intercept)", "age", "parity", "induced", "spontaneous"]
X = np.array([[1.0, float(r["age"]), float(r["parity"]), float(r["induced"]),
               float(r["spontaneous"])] for r in rows])
y = np.array([float(r["case"]) for r in rows])
g = np.array([int(r["stratum"]) for r in rows])
n, k = X.shape
G = len(np.unique(g))

out = []
for name, Model in (("probit", sm.Probit), ("logit", sm.Logit)):
    m = Model(y, X)
    r = m.fit(method="newton", tol=1e-13, maxiter=100, disp=0)
    b = r.params
    Hinv = np.linalg.inv(-m.hessian(b))
    S = m.score_obs(b)
    Sg = np.array([S[g == c].sum(axis=0) for c in np.unique(g)])
    V = {
        "oim": Hinv,
        "robust": Hinv @ (S.T @ S) @ Hinv * n / (n - 1),
        "cluster": Hinv @ (Sg.T @ Sg) @ Hinv * G / (G - 1),
    }
    # the same from statsmodels' own sandwiches (no small-sample factors there)
    hc0 = m.fit(method="newton", tol=1e-13, maxiter=100, disp=0, cov_type="HC0").cov_params()
    clu = m.fit(method="newton", tol=1e-13, maxiter=100, disp=0, cov_type="cluster",
                cov_kwds={"groups": g, "use_correction": False}).cov_params()
    assert np.allclose(V["robust"], hc0 * n / (n - 1), rtol=1e-10, atol=0)
    assert np.allclose(V["cluster"], clu * G / (G - 1), rtol=1e-10, atol=0)
    for vce, C in V.items():
        se = np.sqrt(np.diag(C))
        for j in range(k):
            out.append([name, vce, names[j], repr(b[j]), repr(se[j]), repr(r.llf), G])

with open("statsmodels_reference/ref_statsmodels_infert_vce.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["model", "vce", "term", "coef", "se", "loglik", "clusters"])
    w.writerows(out)
