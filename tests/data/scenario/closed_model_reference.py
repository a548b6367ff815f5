# closed_model_reference.py -- independent numpy reference for the type II
# (closed to households) effects in tests/lua/test_scenario.lua's small table:
# import substitution, local suppliers take half of what sector 2 buys outside
# the region. Run: /usr/bin/python3 closed_model_reference.py > closed_model_reference.csv
import numpy as np

A_n = np.array([[0.2, 0.3], [0.1, 0.2]])
A_r = np.array([[0.1, 0.1], [0.05, 0.1]])
x_r = np.array([200.0, 150.0])
h = np.array([0.3, 0.25])                   # labour income per unit of output
c_n = np.array([240.0, 160.0]) / 800.0      # households' consumption / total income
slq = np.array([2.0, 0.75])
c_r = c_n * np.minimum(slq, 1.0)
w = {"output": np.ones(2), "value_added": np.array([0.5, 0.4]), "income": h, "jobs": np.array([0.1, 0.2])}

A_new = A_r.copy()
A_new[:, 1] += 0.5 * (A_n[:, 1] - A_r[:, 1])
d = (A_new - A_r) @ x_r

def closed(A, c):
    Abar = np.block([[A, c[:, None]], [h[None, :], np.zeros((1, 1))]])
    return np.linalg.solve(np.eye(3) - Abar, np.append(d, 0.0))[:2]

reg, nat = closed(A_new, c_r), closed(A_n, c_n)
print("measure,regional_total_type2,rest_of_country_loss_type2")
for k, v in w.items():
    print(f"{k},{v @ reg!r},{v @ nat!r}")
